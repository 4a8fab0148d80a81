import { nearness } from '../../../src/domain/forms/near-label';

describe('nearness of a header to a label', () => {
  it('takes a typo, a word more and a word less', () => {
    expect(nearness('主管主管部门', '主管部门')).not.toBeNull();
    expect(nearness('全年预算书', '全年预算数')).not.toBeNull();
  });

  it('takes the characters of a two-line cell read out of order', () => {
    expect(nearness('年成值全完值', '全年完成值')).not.toBeNull();
    expect(nearness('性标定指', '定性指标')).not.toBeNull();
  });

  it('does not take other words with some characters in common', () => {
    expect(nearness('年成值全完值', '年初预算数')).toBeNull();
    expect(nearness('完成值', '成完值')).toBeNull();
    expect(nearness('得分系数', '指标权重')).toBeNull();
  });
});
