import type { WxContext } from '@wx/core'
import { addMaterial } from '@wx/media'
import type { RemoteFake } from '../../../test/fake.ts'

/** A permanent cover image on the fake account (drafts need one). */
export async function cover(ctx: WxContext): Promise<string> {
  const png = new Uint8Array(2000).fill(7)
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return (await addMaterial(ctx, new File([png], 'cover.png'), 'image')).media_id
}

/** A reader comments on an article of a publish (the fake has no readers: this writes its records). */
export async function readerComments(fake: RemoteFake, msgDataId: string | number, index: number, openid: string, content: string): Promise<number> {
  const { draft } = await fake.data()
  const thread = draft.comments[`${msgDataId}:${index}`]
  const user_comment_id = ++thread.seq
  thread.list.push({ user_comment_id, openid, create_time: Math.floor(Date.now() / 1000), content, comment_type: 0 })
  await fake.setData('draft', draft)
  return user_comment_id
}
