// A plan to start from: the district 三防 plan with two response levels.
import type { PlanInput } from '@contract/plans';

/** Overrides may be invalid on purpose (refusal tests): the result is typed as the input the API expects. */
export const sanfang = (over: Record<string, unknown> = {}): PlanInput =>
  ({
    title: '越秀区防汛防旱防风防冻应急预案',
    category: 'sanfang',
    level: 'district',
    ownerUnit: '区三防指挥部办公室',
    version: '2024版',
    revisedOn: '2024-10-08',
    responseLevels: [
      { level: 'IV', actions: [{ text: '发布三防Ⅳ级响应通知', unit: '区三防办', timeLimitMinutes: 30 }] },
      {
        level: 'III',
        trigger: '橙色预警',
        actions: [
          { text: '发布三防Ⅳ级响应通知', unit: '区三防办', timeLimitMinutes: 30 },
          { text: '转移低洼地群众', unit: '各街道办事处', timeLimitMinutes: 120 },
        ],
      },
    ],
    ...over,
  }) as PlanInput;
