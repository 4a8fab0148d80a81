/**
 * Indicator frameworks (一级 → 二级) and the indicator library, as data validated by zod.
 */
import { z } from 'zod';

const levelName = z.string().min(1);

export const FrameworkSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  basis: z.string().min(1),
  level1: z
    .array(
      z.strictObject({
        name: levelName,
        /** Other ways forms write it (产出 for 产出指标). */
        aliases: z.array(levelName),
        /** A goal or self-evaluation must carry at least one indicator under it. */
        required: z.boolean(),
        level2: z
          .array(
            z.strictObject({
              name: levelName,
              aliases: z.array(levelName),
              /**
               * Other first levels forms file it under by an older framework (88号: 社会公众或服务对象满意度指标 as
               * a 二级 of 效益指标): accepted there, and it still counts for its own first level.
               */
              alsoUnder: z.array(levelName).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type Framework = z.infer<typeof FrameworkSchema>;

export const SECTORS = [
  'common', // 共性
  'education', // 教育
  'health', // 卫生健康
  'agriculture-water', // 农业农村与水利
  'transport', // 交通运输
  'social-security', // 社会保障
  'ecology-environment', // 生态环境
  'culture-tourism', // 文化旅游
  'public-administration', // 公共管理
] as const;
export type Sector = (typeof SECTORS)[number];

export const IndicatorSchema = z.strictObject({
  /** Stable code, e.g. 'gx-cp-sl-001'. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1), // 三级指标
  level1: levelName,
  level2: levelName,
  operator: z.enum(['≥', '>', '=', '≤', '<', '定性']),
  /** Reference target value (参考值) as it would be typed, e.g. '95' or '达到预期'. */
  reference: z.string(),
  unit: z.string(), // '' for 定性
  explanation: z.string().min(1), // 指标解释, one line
  sector: z.enum(SECTORS),
  /** Pinyin initials of the name, lower case ('pxrc' for 培训人次), for search. */
  initials: z.string().regex(/^[a-z0-9]*$/),
});
export type Indicator = z.infer<typeof IndicatorSchema>;
