import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { BenchPage } from './bench/BenchPage';

// The bench page measures the chart alone: no backend, no shell.
const root = createRoot(document.getElementById('root')!);
if (location.hash.startsWith('#/bench')) root.render(<BenchPage />);
else
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
