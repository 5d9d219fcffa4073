import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'dark' | 'light';
/** Display zone for every time the UI shows; data stays in UTC epoch seconds. */
export type DisplayZone = 'UTC' | 'America/New_York' | 'local';

export interface SettingsState {
  theme: Theme;
  zone: DisplayZone;
  setTheme(t: Theme): void;
  setZone(z: DisplayZone): void;
}

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      theme: 'dark',
      zone: 'America/New_York',
      setTheme: (theme) => set({ theme }),
      setZone: (zone) => set({ zone }),
    }),
    { name: 'mlf.settings', version: 1 },
  ),
);
