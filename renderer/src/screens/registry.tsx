import type { ComponentType } from 'react';
import { SettingsScreen } from './SettingsScreen';

export interface ScreenDef {
  id: string;
  label: string;
  /** Single-key shortcut shown in the navigation (with Alt). */
  key: string;
  component: ComponentType<{ args: string[] }>;
  /** Listed in the navigation; detail screens are reached from others. */
  nav: boolean;
}

/** Every screen, in navigation order. A screen exists here only once its procedures exist. */
export const SCREENS: ScreenDef[] = [
  { id: 'settings', label: 'Settings', key: '9', component: SettingsScreen, nav: true },
];

export const DEFAULT_SCREEN = SCREENS[0]!.id;
