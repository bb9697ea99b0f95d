import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result';
import { startupFailureMessage } from './startupFailure';

describe('startupFailureMessage', () => {
  it('shows a typed error as it is', () => {
    expect(startupFailureMessage(new AppError('conflict', 'The secrets file x is damaged.'))).toBe('The secrets file x is damaged.');
  });

  it('turns the loader error for a module built for Node into what to do', () => {
    const e = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 145.",
    );
    expect(startupFailureMessage(e)).toMatch(/^SQLite was built for another runtime .*`npm start`/);
  });

  it('names anything else', () => {
    expect(startupFailureMessage(new Error('EACCES: permission denied, mkdir /data'))).toBe('Cassette could not start: EACCES: permission denied, mkdir /data');
  });
});
