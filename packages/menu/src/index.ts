export { createMenu } from './createMenu.ts'
export { getMenu, type MenuResult } from './getMenu.ts'
export { removeMenu } from './removeMenu.ts'
export { addConditionalMenu } from './addConditionalMenu.ts'
export { delConditionalMenu } from './delConditionalMenu.ts'
export { tryMatchMenu } from './tryMatchMenu.ts'
export { getCurrentSelfMenuInfo, type SelfMenuButton, type SelfMenuInfo } from './getCurrentSelfMenuInfo.ts'
export type {
  MatchRule,
  MatchRuleInfo,
  Menu,
  MenuArticleButton,
  MenuButton,
  MenuButtonInfo,
  MenuButtonType,
  MenuKeyButton,
  MenuLeafButton,
  MenuLeafButtonInfo,
  MenuMediaButton,
  MenuMiniProgramButton,
  MenuParentButton,
  MenuParentButtonInfo,
  MenuViewButton,
} from './_menu.ts'
