import { createHash } from 'node:crypto'
import { appSignature } from '@wx/pay-legacy'
import { describe, expect, it } from 'vitest'

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex')

describe('appSignature', () => {
  it('is the hex SHA-1 of the fields plus appkey, names sorted, joined as k=v&k=v', async () => {
    // The seed's deliverNotify example fields, with an example PaySignKey. Expected string written out by hand.
    const fields = {
      appid: 'wwwwb4f85f3a797777', openid: 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', transid: '111112222233333', out_trade_no: '555666uuu',
      deliver_timestamp: '1369745073', deliver_status: '1', deliver_msg: 'ok',
    }
    const expected = sha1(
      'appid=wwwwb4f85f3a797777&appkey=KEY&deliver_msg=ok&deliver_status=1&deliver_timestamp=1369745073&openid=oX99MDgNcgwnz3zFN3DNmo8uwa-w&out_trade_no=555666uuu&transid=111112222233333',
    )
    expect(await appSignature(fields, 'KEY')).toBe(expected)
  })

  it('lower-cases names, leaves out undefined fields, does not URL-encode values', async () => {
    const expected = sha1('appid=wx1&appkey=K&package=a=1&b=中&timestamp=2')
    expect(await appSignature({ AppId: 'wx1', package: 'a=1&b=中', timestamp: 2, extra: undefined }, 'K')).toBe(expected)
  })
})
