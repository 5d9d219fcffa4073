import { describe, expect, it } from 'vitest';
import { fitToDisplays } from '../../../electron/main/windowState';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('fitToDisplays', () => {
  it('keeps a window that is on a connected display', () => {
    const b = { x: 1600, y: 100, width: 1600, height: 1000, maximized: false };
    expect(fitToDisplays(b, [laptop, external])).toEqual(b);
  });

  it('centres a window whose display is gone, and shrinks it to the largest work area', () => {
    const b = { x: 1600, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitToDisplays(b, [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('centres a window that is mostly off-screen or whose title bar is out of reach', () => {
    expect(fitToDisplays({ x: 1300, y: 100, width: 1000, height: 700, maximized: false }, [laptop]).x).toBeUndefined();
    expect(fitToDisplays({ x: 100, y: -400, width: 1000, height: 700, maximized: false }, [laptop]).y).toBeUndefined();
  });

  it('leaves bounds alone when the screen list is unknown', () => {
    const b = { x: 5, y: 5, width: 800, height: 600, maximized: false };
    expect(fitToDisplays(b, [])).toEqual(b);
  });
});
