import { addExpress, addExpressTemplate, deleteExpressTemplate, getAllExpressTemplates, getExpressTemplateById, updateExpressTemplate, type DeliveryTemplate } from '@wx/shop'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { deliveryTemplateSchema } from '../src/_schemas.ts'
import { SEED_EXPRESS } from './fixtures.ts'
import { rejectedLocally, rejectedWith } from './_helpers.ts'

const T = SEED_EXPRESS.delivery_template

describe('express templates', () => {
  it('the seed express template passes the schema unchanged', () => {
    const r = v.safeParse(v.object({ delivery_template: deliveryTemplateSchema() }), SEED_EXPRESS)
    expect(r.issues).toBeUndefined()
    expect(r.output).toEqual(SEED_EXPRESS)
  })

  it('add (and its alias addExpress) / getById / update / getAll / delete', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    expect(addExpress).toBe(addExpressTemplate)
    const { template_id } = await addExpressTemplate(c, SEED_EXPRESS)
    expect((await fake.requests())[0]!.body).toEqual(SEED_EXPRESS)
    const { template_id: second } = await addExpress(c, { delivery_template: { ...T, Name: 'second' } })
    const { template_info } = await getExpressTemplateById(c, template_id)
    expect(template_info).toMatchObject({ Id: template_id, Name: 'testexpress', TopFee: T.TopFee })
    await updateExpressTemplate(c, { template_id, delivery_template: { ...T, Assumer: 1 } })
    expect((await getExpressTemplateById(c, template_id)).template_info.Assumer).toBe(1)
    expect((await getAllExpressTemplates(c)).templates_info.map((t) => t.Id)).toEqual([template_id, second])
    await deleteExpressTemplate(c, template_id)
    expect((await getAllExpressTemplates(c)).templates_info.map((t) => t.Id)).toEqual([second])
  })

  it('errcodes: unknown template ids, 48001', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedWith(getExpressTemplateById(c, 1), 40097)
    await rejectedWith(updateExpressTemplate(c, { template_id: 1, ...SEED_EXPRESS }), 40097)
    await rejectedWith(deleteExpressTemplate(c, 1), 40097)
    await fake.failNext(48001)
    await rejectedWith(addExpressTemplate(c, SEED_EXPRESS), 48001)
    await fake.failNext(48001)
    await rejectedWith(getAllExpressTemplates(c), 48001)
  })

  it('bad templates are rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const bad = (t: Partial<DeliveryTemplate>) => ({ delivery_template: { ...T, ...t } as DeliveryTemplate })
    await rejectedLocally(fake, addExpressTemplate(c, bad({ Name: '' })), 'delivery_template.Name')
    await rejectedLocally(fake, addExpressTemplate(c, bad({ Assumer: 3 as never })), 'delivery_template.Assumer')
    await rejectedLocally(fake, addExpressTemplate(c, bad({ TopFee: [] })), 'delivery_template.TopFee')
    await rejectedLocally(fake, addExpressTemplate(c, bad({ TopFee: [{ ...T.TopFee[0]!, Type: 1 as never }] })), 'delivery_template.TopFee.0.Type')
    await rejectedLocally(fake, addExpress(c, bad({ TopFee: [{ ...T.TopFee[0]!, Normal: { StartStandards: 1, StartFees: -2, AddStandards: 1, AddFees: 1 } }] })), 'Normal.StartFees')
    await rejectedLocally(fake, updateExpressTemplate(c, { template_id: -1, ...SEED_EXPRESS }), 'template_id')
    await rejectedLocally(fake, getExpressTemplateById(c, 1.5), 'template_id')
    await rejectedLocally(fake, deleteExpressTemplate(c, Number.NaN), 'template_id')
  })
})
