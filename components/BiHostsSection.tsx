/**
 * Self-hosted BI hosts (issue #6; labels as the options page contract names them): fields
 * **BI host** and **Tool**, an **Add host** button that asks the browser for that host's
 * permission there and then, and the list of added hosts, each with **Remove**. Hosts an
 * administrator set are listed without Remove. A listed host Docent has no permission for (an
 * administrator's `biHosts`: policy cannot grant host permissions, only the person can) gets a
 * **Grant access to <host>** button that asks the browser on the click.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { checkBiHostInput, originOf } from '../lib/config/bi-hosts';
import { ADAPTER_IDS, type AdapterId, type BiHost } from '../lib/config/settings';

export interface BiHostsDeps {
  /** Must be called straight from the click: browsers grant permissions only on a user gesture. */
  requestHostPermission(origin: string): Promise<boolean>;
  /** Whether Docent may already read that origin (granted before, or by the browser). */
  hasHostPermission(origin: string): Promise<boolean>;
  saveBiHosts(hosts: BiHost[]): Promise<void>;
}

export interface BiHostsSectionProps {
  hosts: readonly BiHost[];
  /** Set by policy: listed, not editable. */
  locked: boolean;
  deps: BiHostsDeps;
  /** The SaaS hosts Docent already covers (from the adapter registry, handed in by the entrypoint). */
  coveredPatterns: readonly string[];
}

export function BiHostsSection({ hosts, locked, deps, coveredPatterns }: BiHostsSectionProps) {
  const host = useSignal('');
  const tool = useSignal<AdapterId>('metabase');
  const message = useSignal<{ kind: 'error' | 'done'; text: string } | null>(null);
  /** Listed hosts Docent may not read yet. A check that fails counts as granted: no false alarm. */
  const ungranted = useSignal<ReadonlySet<string>>(new Set());
  const hostList = hosts.map((h) => h.host).join(' ');

  async function checkPermissions() {
    const missing = new Set<string>();
    for (const entry of hosts) {
      const granted = await Promise.resolve()
        .then(() => deps.hasHostPermission(originOf(entry.host)))
        .catch(() => true);
      if (!granted) missing.add(entry.host);
    }
    ungranted.value = missing;
  }

  useEffect(() => {
    void checkPermissions();
  }, [hostList]);

  function grant(entry: BiHost) {
    // No await before this call: it must stay inside the click's user gesture.
    void deps
      .requestHostPermission(originOf(entry.host))
      .then(async (granted) => {
        message.value = granted
          ? { kind: 'done', text: `Docent can now read ${entry.host}: its open tabs get badges now.` }
          : { kind: 'error', text: `Docent was not allowed on ${entry.host}; its dashboards get no badges.` };
        await checkPermissions();
      })
      .catch((error: unknown) => {
        message.value = { kind: 'error', text: `Could not ask for ${entry.host}: ${error instanceof Error ? error.message : String(error)}` };
      });
  }

  function add(event: Event) {
    event.preventDefault();
    const checked = checkBiHostInput(host.value, coveredPatterns, hosts);
    if (!checked.ok) {
      message.value = { kind: 'error', text: checked.error };
      return;
    }
    const entry: BiHost = { host: checked.value, tool: tool.value };
    // No await before this call: it must stay inside the click's user gesture.
    void deps
      .requestHostPermission(originOf(entry.host))
      .then(async (granted) => {
        if (!granted) {
          message.value = { kind: 'error', text: `Docent was not allowed on ${entry.host}, so nothing was added.` };
          return;
        }
        await deps.saveBiHosts([...hosts, entry]);
        host.value = '';
        message.value = { kind: 'done', text: `Added ${entry.host}: its open tabs get badges now.` };
      })
      .catch((error: unknown) => {
        message.value = { kind: 'error', text: `Could not add ${entry.host}: ${error instanceof Error ? error.message : String(error)}` };
      });
  }

  async function remove(entry: BiHost) {
    await deps.saveBiHosts(hosts.filter((h) => h.host !== entry.host));
    message.value = { kind: 'done', text: `Removed ${entry.host}.` };
  }

  return (
    <form class="docent-bi-hosts" noValidate onSubmit={add} aria-labelledby="docent-bi-hosts-h">
      <fieldset>
        <legend id="docent-bi-hosts-h">Self-hosted BI</legend>
        {locked ? (
          <p class="docent-locked">Set by your administrator</p>
        ) : (
          <div class="docent-bi-hosts-add">
            <div class="docent-field">
              <label for="biHost">BI host</label>
              <input
                id="biHost"
                name="biHost"
                type="text"
                inputMode="url"
                placeholder="metabase.acme.com"
                autoComplete="off"
                spellcheck={false}
                value={host.value}
                aria-invalid={message.value?.kind === 'error' ? 'true' : undefined}
                aria-describedby="biHost-message"
                onInput={(e) => {
                  host.value = (e.currentTarget as HTMLInputElement).value;
                  message.value = null;
                }}
              />
            </div>
            <div class="docent-field">
              <label for="biTool">Tool</label>
              <select id="biTool" name="biTool" value={tool.value} onChange={(e) => (tool.value = (e.currentTarget as HTMLSelectElement).value as AdapterId)}>
                {ADAPTER_IDS.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="docent-secondary">
              Add host
            </button>
          </div>
        )}
        <p id="biHost-message" class={message.value?.kind === 'error' ? 'docent-error' : 'docent-hint'} role={message.value?.kind === 'error' ? 'alert' : undefined}>
          {message.value?.text ?? ''}
        </p>
        {hosts.length > 0 && (
          <ul class="docent-bi-hosts-list" aria-label="Added BI hosts">
            {hosts.map((entry) => (
              <li key={entry.host}>
                <span>
                  {entry.host} ({entry.tool})
                  {ungranted.value.has(entry.host) && <span class="docent-hint"> — no access yet</span>}
                </span>
                {ungranted.value.has(entry.host) && (
                  <button type="button" class="docent-secondary" aria-label={`Grant access to ${entry.host}`} onClick={() => grant(entry)}>
                    Grant access
                  </button>
                )}
                {!locked && (
                  <button type="button" class="docent-secondary" aria-label={`Remove ${entry.host}`} onClick={() => void remove(entry)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </form>
  );
}
