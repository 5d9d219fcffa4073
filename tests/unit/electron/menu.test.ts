import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';
import { MENU_COMMANDS, type MenuCommand } from '../../../shared/contract/desktop';

type Item = { label?: string; role?: string; click?: (...a: unknown[]) => void; submenu?: Item[] };

function flatten(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(platform: NodeJS.Platform, dev = false) {
  const sent: MenuCommand[] = [];
  const items = flatten(menuTemplate({ platform, appName: 'MLF Workstation', dev, command: (c) => sent.push(c) }) as Item[]);
  return { items, sent };
}

describe('menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`offers every menu command exactly once on ${platform}, each forwarded to the renderer`, () => {
      const { items, sent } = build(platform);
      const clickable = items.filter((i) => i.click);
      expect(clickable).toHaveLength(MENU_COMMANDS.length);
      for (const item of clickable) item.click!();
      expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
      expect(items.some((i) => i.role === 'quit')).toBe(true);
      expect(items.some((i) => i.role === 'copy')).toBe(true);
    });
  }

  it('shows reload and DevTools in development only', () => {
    expect(build('linux').items.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    const dev = build('linux', true).items;
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(dev.some((i) => i.role === 'reload')).toBe(true);
  });
});
