import { describe, expect, it } from 'vitest';
import { MIN_HEIGHT, MIN_WIDTH, windowOptions } from '../../../electron/main/windowOptions';

const base = { preload: '/app/out/preload/index.cjs', bounds: { width: 1400, height: 900, maximized: false }, devTools: false };

describe('windowOptions', () => {
  it('turns on every isolation switch and turns off every Node and web escape hatch', () => {
    const web = windowOptions(base).webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.enableBlinkFeatures).toBeUndefined();
    expect(web.additionalArguments).toBeUndefined();
    expect(web.partition).toBeUndefined();
  });

  it('loads the CommonJS preload it is given, and DevTools only when asked', () => {
    expect(windowOptions(base).webPreferences!.preload).toBe('/app/out/preload/index.cjs');
    expect(windowOptions(base).webPreferences!.devTools).toBe(false);
    expect(windowOptions({ ...base, devTools: true }).webPreferences!.devTools).toBe(true);
  });

  it('stays hidden until the first paint', () => {
    expect(windowOptions(base).show).toBe(false);
  });

  it('places the window where it was, or centres it when no position is remembered', () => {
    const placed = windowOptions({ ...base, bounds: { x: 40, y: 60, width: 1200, height: 800, maximized: false } });
    expect([placed.x, placed.y, placed.width, placed.height, placed.center]).toEqual([40, 60, 1200, 800, undefined]);
    const centred = windowOptions(base);
    expect(centred.center).toBe(true);
    expect(centred.x).toBeUndefined();
  });

  it('never opens smaller than the minimum size', () => {
    const o = windowOptions({ ...base, bounds: { width: 300, height: 200, maximized: false } });
    expect([o.width, o.height, o.minWidth, o.minHeight]).toEqual([MIN_WIDTH, MIN_HEIGHT, MIN_WIDTH, MIN_HEIGHT]);
  });
});
