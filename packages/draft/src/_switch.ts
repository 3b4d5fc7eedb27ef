import { defineEndpoint } from '@wx/core'
import * as v from 'valibot'

/** `POST /cgi-bin/draft/switch` (`?checkonly=1` only reads the state). */
export const switchEndpoint = /* @__NO_SIDE_EFFECTS__ */ (checkOnly: boolean) =>
  defineEndpoint<{ is_open?: unknown }>({
    method: 'POST',
    path: '/cgi-bin/draft/switch',
    retry: checkOnly ? 'read' : 'idempotent',
    output: () => v.looseObject({ is_open: v.picklist([0, 1]) }),
  })

/**
 * The switch's state from an answer, read here rather than by a schema transform (an answer that drifted
 * from the schema, such as `is_open: "0"`, comes back untransformed): `is_open` 1 or "1" is on; an answer
 * without it is `unknownAs`.
 */
export const isOpen = (answer: { is_open?: unknown } | null | undefined, unknownAs: boolean): boolean =>
  answer?.is_open == null ? unknownAs : Number(answer.is_open) === 1
