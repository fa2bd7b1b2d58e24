import type { GuestSummary } from './engine';
import type { GuestButton } from './stories';

/**
 * Guest actions as buttons for students who do not know the commands yet. Each button runs an
 * ordinary command through the console, so the console shows what it typed and what came back.
 * A story brings its own set; otherwise these follow what is installed.
 */
export function genericGuestButtons(guest: GuestSummary): GuestButton[] {
  const buttons: GuestButton[] = [];
  const upgradable = guest.packages.filter((p) => p.upgradable);
  if (upgradable.length > 0) {
    buttons.push({ label: `Upgrade ${upgradable.map((p) => p.name).join(', ')} (apt upgrade)`, command: 'apt upgrade' });
  }
  for (const s of guest.services) buttons.push({ label: `Restart ${s.name}`, command: `systemctl restart ${s.name}` });
  if (guest.services.some((s) => s.name === 'nginx')) {
    buttons.push({ label: 'Test the nginx config', command: 'nginx -t' }, { label: 'Fetch the home page', command: 'curl http://localhost/' });
  }
  return buttons;
}
