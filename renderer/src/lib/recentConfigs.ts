export interface RecentConfig {
  name: string;
  text: string;
}

const RECENT_KEY = 'mlf.recentConfigs';

export function readRecent(): RecentConfig[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as RecentConfig[];
    return Array.isArray(v) ? v.filter((x) => typeof x?.name === 'string' && typeof x.text === 'string') : [];
  } catch {
    return [];
  }
}

/** The last configs opened in this browser profile (their text, so they reopen without the file). */
export function rememberConfig(name: string, text: string): RecentConfig[] {
  const next = [{ name, text }, ...readRecent().filter((r) => r.name !== name)].slice(0, 8);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the list just is not kept.
  }
  return next;
}
