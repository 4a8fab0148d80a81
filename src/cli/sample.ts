/**
 * `bpa sample`: the spot-check set (picked in src/app/sample.ts, the same in the task pane) as text.
 */
import type { SampleResult } from '../app/sample';
import type { Lang } from '../domain/messages/catalog';
import { printable } from '../app/text-hygiene';

export { mulberry32, pickSample } from '../app/sample';
export type { SampleCandidate, SamplePick, SampleResult, SampleStratum } from '../app/sample';

export function sampleText(sample: SampleResult, lang: Lang): string {
  const lines: string[] = [];
  if (lang === 'en') {
    lines.push(
      `Spot-check sample: seed ${sample.seed}, rate ${sample.rate}, ${sample.population} scored files`,
    );
    for (const s of sample.strata) lines.push(`  grade ${s.grade}: ${s.picked} of ${s.files}`);
  } else {
    lines.push(`抽审样本：种子 ${sample.seed}，比例 ${sample.rate}，可抽取文件 ${sample.population} 个`);
    for (const s of sample.strata) lines.push(`  等级“${s.grade}”：${s.files} 个中抽取 ${s.picked} 个`);
  }
  for (const pick of sample.picks)
    lines.push(`${printable(pick.file)}\t${pick.grade}\t${printable(pick.reasons.join('；'))}`);
  for (const skip of sample.skipped) {
    lines.push(
      lang === 'en'
        ? `not sampled (${skip.status}): ${printable(skip.file)}`
        : `未纳入抽样（${skip.status}）：${printable(skip.file)}`,
    );
  }
  return lines.join('\n') + '\n';
}
