import { compactKey, levelKey } from '../../../src/domain/framework/text-key';

describe('compactKey', () => {
  it.each([
    ['ＰＭ２.５ 年均浓度', 'pm25年均浓度'],
    ['“三公”经费控制率', '三公经费控制率'],
    ['\u3000培训（参会）人员\u00a0满意度 ', '培训参会人员满意度'],
    ['', ''],
  ])('%j → %j', (text, key) => {
    expect(compactKey(text)).toBe(key);
  });
});

describe('levelKey', () => {
  it.each([
    ['产出指标', '产出'],
    ['产出', '产出'],
    ['＂产出指标 ＂', '产出'],
    ['一、产出指标', '产出'],
    ['(三)满意度指标', '满意度'],
    ['2. 效益指标', '效益'],
    ['产出指标（50分）', '产出'],
    ['满意度指标(%)', '满意度'],
    ['成本指标(0-20)分', '成本'],
    ['投 入 (15分)', '投入'],
    ['指标', '指标'],
    ['（一）', ''],
    ['一般性指标', '一般性'],
  ])('%j → %j', (text, key) => {
    expect(levelKey(text)).toBe(key);
  });
});
