import { describe, expect, it } from 'vitest';
import { postgresVersionOfTag } from '../../src/model/postgres-image.js';

describe('postgresVersionOfTag', () => {
  it.each([
    ['16', 16],
    ['15.4-alpine', 15],
    ['9.6', 9],
    ['13-3.4', 13],
    ['15-3.4-alpine', 15],
    ['pg16', 16],
    ['2.14.2-pg13', 13],
    ['latest-pg15', 15],
    ['16-bookworm', 16],
  ])('%s is PostgreSQL %d', (tag, major) => {
    expect(postgresVersionOfTag(tag)).toEqual({ known: true, major, tag });
  });

  it.each(['latest', 'alpine', 'bookworm', 'pg', '0'])('%s names no version', (tag) => {
    expect(postgresVersionOfTag(tag)).toEqual({ known: false, tag });
  });

  it('knows no version without a tag', () => expect(postgresVersionOfTag(undefined)).toEqual({ known: false }));
});
