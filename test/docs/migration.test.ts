// The migration guide's tables: every name of wechat-api 1.2.2's docs (the seed doc) has a row, and every
// `@wx/*` function a row names is exported by that package (read through the workspace, as users import it).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
/** The seed doc: the project's shared/ folder, here or beside the clone (as CI lays it). */
const SEED_DOC = ['/work/shared', join(root, '../shared')].map((d) => join(d, 'seed/wechat-api-1.2.2-docs.txt')).find((f) => existsSync(f))
/** The 92 names of the seed doc, in its order (checked against the doc below, when it is there). */
const SEED_NAMES = `
  API setOpts request getLatestToken mixin getRecords getCustomServiceList getOnlineCustomServiceList
  updateFeedback getGroups getWhichGroup createGroup updateGroup moveUserToGroup getIp uploadNews uploadMPVideo
  massSend massSendNews massSendText massSendVoice massSendImage massSendVideo massSendMPVideo deleteMass
  previewNews previewText previewVoice previewImage previewVideo getMassMessageStatus uploadMedia getMedia
  createMenu getMenu removeMenu sendText sendImage sendVoice sendVideo sendMusic sendNews deliverNotify
  orderQuery createTmpQRCode createLimitQRCode showQRCodeURL semantic uploadPicture addExpressTemplate
  deleteExpressTemplate updateExpressTemplate getExpressTemplateById getAllExpressTemplates createGoods getGoods
  createGoodsGroup deleteGoodsGroup updateGoodsGroup updateGoodsForGroup getAllGroups getGroupById getOrderById
  getOrdersByStatus setExpressForOrder closeOrder createShelf deleteShelf updateShelf getAllShelves getShelfById
  updateStock setIndustry addTemplate sendTemplate shorturl getUser getFollowers updateRemark setHook
  getArticleSummary getArticleTotal getUserRead getUserReadHour getUserShare getUserShareHour uploadImage
  uploadVoice uploadVideo uploadThumb addExpress getAllShelf`.trim().split(/\s+/)
const guide = readFileSync(join(root, 'docs/migrate-from-wechat-api.md'), 'utf8')

/** The names the seed doc documents: its `函数`/`方法` headings and the calls of its examples. */
function seedNames(doc: string): string[] {
  const names = new Set<string>()
  for (const m of doc.matchAll(/^(?:方法|函数) (?:\w+\.)*(\w+)\(\)/gm)) names.add(m[1]!)
  for (const m of doc.matchAll(/\b(?:api|exports)\.(\w+)\(/g)) names.add(m[1]!)
  return [...names]
}

/** Rows of the guide's tables: `| \`old\` | \`@wx/pkg\` \`fn\` ... | what changed |`. */
function rows(md: string): { old: string; pkg: string; fns: string[] }[] {
  const out: { old: string; pkg: string; fns: string[] }[] = []
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    const old = /^`(\w+)`$/.exec(cells[1] ?? '')?.[1]
    const target = /^`(@wx\/[\w-]+(?:\/[\w-]+)?)`((?: `\w+`)+)$/.exec(cells[2] ?? '')
    if (!old || !target) continue
    out.push({ old, pkg: target[1]!, fns: [...target[2]!.matchAll(/`(\w+)`/g)].map((m) => m[1]!) })
  }
  return out
}

const table = rows(guide)

describe('docs/migrate-from-wechat-api.md', () => {
  it.skipIf(!SEED_DOC)('SEED_NAMES are the names the seed doc documents', () => {
    expect(seedNames(readFileSync(SEED_DOC!, 'utf8'))).toEqual(SEED_NAMES)
  })

  it('maps every one of the 92 names of the seed doc', () => {
    expect(SEED_NAMES).toHaveLength(92)
    const mapped = new Set(table.map((r) => r.old))
    expect(SEED_NAMES.filter((n) => !mapped.has(n))).toEqual([])
  })

  it("maps wechat-api 1.x's later names", () => {
    const later = { uploadMaterial: 'addMaterial', getMaterials: 'batchGetMaterial', editTag: 'updateTag', membersBatchtagging: 'batchTagging', createCustomMenu: 'addConditionalMenu', getMenuConfig: 'getCurrentSelfMenuInfo' }
    for (const [old, fn] of Object.entries(later)) expect(table.find((r) => r.old === old)?.fns, old).toContain(fn)
  })

  it.each([...new Set(table.map((r) => r.pkg))])('every function named for %s is exported by it', async (pkg) => {
    const mod: Record<string, unknown> = await import(/* @vite-ignore */ pkg)
    const fns = [...new Set(table.filter((r) => r.pkg === pkg).flatMap((r) => r.fns))]
    expect(fns.filter((f) => typeof mod[f] !== 'function')).toEqual([])
  })

  it('names each 1.x name once', () => {
    const seen = table.map((r) => r.old)
    expect(seen.filter((n, i) => seen.indexOf(n) !== i)).toEqual([])
  })
})
