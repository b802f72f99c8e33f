// Opens the page's connection to its hub before React and the panels are evaluated (main.tsx
// imports this third): the handshake then completes while the rest of the app loads, and the
// requests of the first render go out at once instead of waiting for the socket to open after it.
import { pageClient } from '../client';

pageClient();
