// Browser tests drive the system Chromium (never a downloaded one). Finds it, or installs Debian's
// `chromium` package when running as root on a Debian-like machine, or explains what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`Chromium: ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('Chromium not found: installing Debian package "chromium" (apt-get)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error(
  'Chromium was not found. Install it with your system package manager (Debian/Ubuntu: "sudo apt-get install chromium"), ' +
    'or set CHROMIUM_PATH to a Chromium or Chrome executable. Browsers are never downloaded by the test tool.',
);
process.exit(1);
