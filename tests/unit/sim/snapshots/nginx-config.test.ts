import { describe, expect, it } from 'vitest';
import { checkNginxConfig } from '../../../../src/sim/snapshots';
import { DEFAULT_NGINX_CONF } from '../../../../src/sim/snapshots/guest/catalog';

const wrap = (server: string): string => `events {\n    worker_connections 768;\n}\nhttp {\n    server {\n${server}\n    }\n}\n`;

describe('nginx -t', () => {
  it('G4: the Debian default config passes on every packaged version', () => {
    for (const v of ['1.22.1', '1.24.0', '1.26.0']) expect(checkNginxConfig(DEFAULT_NGINX_CONF, v)).toEqual({ ok: true, emerg: null, warnings: [] });
  });

  it('G4: "ssl on;" is a warning up to 1.25.0 and an unknown directive from 1.25.1 (nginx CHANGES 1.25.1)', () => {
    const conf = wrap('        listen 443;\n        ssl on;');
    expect(checkNginxConfig(conf, '1.24.0')).toMatchObject({
      ok: true,
      warnings: [{ message: 'the "ssl" directive is deprecated, use the "listen ... ssl" directive instead', line: 7 }],
    });
    expect(checkNginxConfig(conf, '1.25.0').ok).toBe(true);
    expect(checkNginxConfig(conf, '1.25.1').emerg).toEqual({ message: 'unknown directive "ssl"', line: 7 });
    expect(checkNginxConfig(wrap('        listen 443 ssl;'), '1.26.0').ok).toBe(true);
  });

  it('G4: syntax errors carry nginx\'s wording and the line', () => {
    const cases: Array<[string, string, number | null]> = [
      [wrap('        sever_name x;'), 'unknown directive "sever_name"', 6],
      [wrap('        listen 99999;'), 'invalid port in "99999" of the "listen" directive', 6],
      [wrap('        listen 80a;'), 'host not found in "80a" of the "listen" directive', 6],
      [wrap('        root /var/www'), 'unexpected "}"', 7],
      [wrap('        location / {\n            root /srv;'), 'unexpected end of file, expecting "}"', 10],
      [wrap('        worker_connections 10;'), '"worker_connections" directive is not allowed here', 6],
      [wrap('        root;'), 'invalid number of arguments in "root" directive', 6],
      [wrap('        sendfile maybe;'), 'invalid value "maybe" in "sendfile" directive, it must be "on" or "off"', 6],
      [wrap('        listen 80 {\n        }'), 'directive "listen" is not terminated by ";"', 6],
      ['http {\n}\n', 'no "events" section in configuration', null],
      ['events {\n}\n}\n', 'unexpected "}"', 3],
    ];
    for (const [conf, message, line] of cases) expect(checkNginxConfig(conf, '1.24.0').emerg, message).toEqual({ message, line });
  });

  it('G4: comments and quoted strings are skipped like nginx does', () => {
    const conf = wrap('        # listen nonsense;\n        add_header X-Note "a ; { } b";\n        listen 80;');
    expect(checkNginxConfig(conf, '1.24.0').ok).toBe(true);
  });
});
