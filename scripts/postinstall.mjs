// npm runs this after every install. It hands over to scripts/db-snapshot.mts when tsx is
// installed (an install without dev dependencies, for a server, has none and needs no snapshot)
// and never fails the install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tsx = 'node_modules/.bin/tsx';
if (!process.env.CI && existsSync(tsx)) spawnSync(tsx, ['scripts/db-snapshot.mts'], { stdio: 'inherit' });
