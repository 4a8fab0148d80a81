/**
 * The batch results reach the table in groups (at most one redraw per interval), and none is lost or shown
 * twice: the last group is handed on when the batch ends, and a replaced batch's waiting results are dropped.
 */
import { grouped } from '../../src/taskpane/batch/run-batch';

describe('grouped', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hands results on at most once per interval, in order', () => {
    const groups: number[][] = [];
    const show = grouped<number>((items) => groups.push(items), 50);
    show.add(1);
    show.add(2);
    expect(groups).toEqual([]);
    jest.advanceTimersByTime(50);
    expect(groups).toEqual([[1, 2]]);
    show.add(3);
    jest.advanceTimersByTime(49);
    show.add(4);
    jest.advanceTimersByTime(1);
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    jest.advanceTimersByTime(500);
    expect(groups).toHaveLength(2);
  });

  it('hands on what waits when flushed, once', () => {
    const groups: number[][] = [];
    const show = grouped<number>((items) => groups.push(items), 50);
    show.add(1);
    show.flush();
    show.flush();
    jest.advanceTimersByTime(100);
    expect(groups).toEqual([[1]]);
  });

  it('forgets what waits when dropped', () => {
    const groups: number[][] = [];
    const show = grouped<number>((items) => groups.push(items), 50);
    show.add(1);
    show.drop();
    jest.advanceTimersByTime(100);
    show.add(2);
    jest.advanceTimersByTime(50);
    expect(groups).toEqual([[2]]);
  });
});
