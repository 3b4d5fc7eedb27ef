import { defineEndpoint } from '@wx/core'
import * as v from 'valibot'

/** `POST /cgi-bin/draft/switch` (`?checkonly=1` only reads the state). */
export const switchEndpoint = /* @__NO_SIDE_EFFECTS__ */ (checkOnly: boolean) =>
  defineEndpoint<boolean>({
    method: 'POST',
    path: '/cgi-bin/draft/switch',
    retry: checkOnly ? 'read' : 'idempotent',
    output: () => v.pipe(v.looseObject({ is_open: v.picklist([0, 1]) }), v.transform((r) => r.is_open === 1)),
  })
