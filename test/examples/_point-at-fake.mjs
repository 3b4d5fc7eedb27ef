// Preloaded (node --import) into the example program by its test: requests to api.weixin.qq.com go to
// the fake WeChat at WX_FAKE_URL instead (real HTTP on 127.0.0.1), so the program runs unchanged.
const target = process.env.WX_FAKE_URL
const origin = 'https://api.weixin.qq.com'
const realFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  return realFetch(url.startsWith(origin) ? target + url.slice(origin.length) : input, init)
}
