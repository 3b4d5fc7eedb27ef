import { createFakeWeChat, type FakeWeChat } from '@wx/testing'

/** A fresh fake WeChat on 127.0.0.1 and an app token of it (legacy grant), for tests that call it raw. */
export async function fakeWithToken(): Promise<{ fake: FakeWeChat; token: string }> {
  const fake = await createFakeWeChat()
  const res = await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${fake.appid}&secret=${fake.secret}`)
  return { fake, token: ((await res.json()) as { access_token: string }).access_token }
}
