import type { TestProject } from 'vitest/node'
import { createFakeWeChat } from '../packages/testing/src/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the fake WeChat every suite shares (each test takes its own isolated tenant). */
    fakeUrl: string
  }
}

/** Starts one fake WeChat on 127.0.0.1 for every test file, Node and edge alike. */
export default async function setup(project: TestProject) {
  const fake = await createFakeWeChat()
  project.provide('fakeUrl', fake.url)
  return () => fake.close()
}
