// Entry: theme first (no flash of the wrong theme), then the transport, then React.
import './api/zodWithoutEval'; // must run before any zod schema is built (the contract builds them on import)
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/downloads.css';
import './styles/qobuz.css';
import './styles/library.css';
import './styles/backups.css';
import './styles/search.css';
import './styles/matched.css';
import './styles/playlists.css';
import './styles/responsive.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiProvider, connectCassette } from './api';
import { App } from './app/App';
import { createQueryClient } from './app/queryClient';
import { startTheme } from './stores/themeStore';

startTheme();
const client = connectCassette();
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
