/**
 * Headless Chromium for the end-to-end tests: Debian's `chromium` package,
 * driven by playwright-core (which never downloads a browser of its own), on
 * the ops app served by the real running system.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { ROOT } from '@c360/scripts/system';
import { paths } from '../../web/src/app/routes.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Quiet, reproducible: no GPU, no QUIC, nothing fetched in the background, no first-run or sync screens. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Where screenshots go (git-ignored), and how the test output names them. */
const ARTIFACTS = join(ROOT, 'integration', 'artifacts', 'e2e');

/** The screens the app must read well on (README): a laptop's, and a tablet's held upright. */
const LAPTOP = { width: 1366, height: 900 };
const TABLET = { width: 800, height: 1100 };

/** How long one browser action or wait may take: the real system on a busy machine, never a hang. */
const ACTION_TIMEOUT_MS = 20_000;
/** The network counts as idle once nothing has been in flight for this long (Playwright's own definition). */
const QUIET_MS = 500;

/**
 * Fails with what to do when Debian's chromium is not installed: a missing
 * browser must fail the run, not skip the end-to-end tests silently.
 */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The end-to-end tests need Debian's chromium at ${CHROMIUM_PATH}, which is missing. `
      + 'Install it with `sudo apt-get install -y --no-install-recommends chromium` (.ci/run does so when it is missing).');
  }
}

/** One browser tab on the ops app that records the GraphQL operations it sends and knows when its network is idle. */
export class OpsAppTab {
  readonly page: Page;
  /** `operationName` of every request to `/graphql`, in order. */
  readonly operations: string[] = [];
  #inFlight = new Set<Request>();
  #lastActivity = Date.now();

  constructor(page: Page) {
    this.page = page;
    page.on('request', (request) => {
      this.#inFlight.add(request);
      this.#lastActivity = Date.now();
      if (new URL(request.url()).pathname === '/graphql') this.operations.push(String(request.postDataJSON()?.operationName));
    });
    const settle = (request: Request) => {
      this.#inFlight.delete(request);
      this.#lastActivity = Date.now();
    };
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
  }

  /** Resolves once no request has been in flight for QUIET_MS; fails after ACTION_TIMEOUT_MS. */
  async networkIdle(): Promise<void> {
    const deadline = Date.now() + ACTION_TIMEOUT_MS;
    while (this.#inFlight.size > 0 || Date.now() - this.#lastActivity < QUIET_MS) {
      if (Date.now() > deadline) throw new Error(`The network did not settle: ${[...this.#inFlight].map((request) => request.url()).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The operations sent from now on, while `action` runs and until the network is idle again. */
  async operationsDuring(action: () => Promise<void>): Promise<string[]> {
    const start = this.operations.length;
    await action();
    await this.networkIdle();
    return this.operations.slice(start);
  }

  /**
   * Full-page screenshots as test artifacts, at a laptop's width (`name.png`)
   * and a tablet's (`name-tablet.png`); prints where they are and returns
   * those paths (relative to the repo). The page is left at the laptop's width.
   */
  async screenshot(name: string): Promise<string[]> {
    await mkdir(ARTIFACTS, { recursive: true });
    const shots = [{ file: `${name}.png`, viewport: LAPTOP }, { file: `${name}-tablet.png`, viewport: TABLET }];
    try {
      for (const { file, viewport } of shots) {
        await this.page.setViewportSize(viewport);
        await this.page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
      }
    } finally {
      await this.page.setViewportSize(LAPTOP);
    }
    const shown = shots.map(({ file }) => relative(ROOT, join(ARTIFACTS, file)));
    for (const path of shown) console.log(`screenshot: ${path}`);
    return shown;
  }

  /**
   * Signs in through the development sign-in page, as a person would (the
   * session lives in the tab, so each new tab signs in), and waits for the
   * page it lands on: the customers list.
   */
  async signIn(tenant: string, role = 'admin'): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
    await this.page.getByLabel('Tenant').selectOption(tenant);
    await this.page.getByLabel('Role').selectOption(role);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByText(`${tenant} · ${role}`).waitFor();
    await this.page.getByRole('table', { name: 'Customers', exact: true }).waitFor();
  }

  /** Types into the customers list's search box; returns the GraphQL operations it caused. */
  async searchCustomers(text: string): Promise<string[]> {
    return this.operationsDuring(async () => {
      await this.page.getByRole('searchbox', { name: 'Search customers' }).fill(text);
      await this.page.getByRole('table', { name: `Customers matching “${text}”` }).waitFor();
    });
  }

  /** Clicks the customer's link in the list (the one to their page: names may repeat); returns the GraphQL operations it caused. */
  async openCustomer(customer: { id: string; name: string }): Promise<string[]> {
    const link = this.page.getByRole('link', { name: customer.name, exact: true }).and(this.page.locator(`[href="${paths.customer(customer.id)}"]`));
    return this.operationsDuring(async () => {
      await link.click();
      await this.page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    });
  }
}

export interface OpsAppBrowser {
  /** A new tab on the ops app, signed in to the tenant as an admin, on the customers list. */
  signedInTab(tenant: string): Promise<OpsAppTab>;
  close(): Promise<void>;
}

/** Launches Debian's chromium headless with a fresh profile, its pages based at the ops app's URL. */
export async function launchBrowser(opsAppUrl: string): Promise<OpsAppBrowser> {
  requireChromium();
  const profile = await mkdtemp(join(tmpdir(), 'c360-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      baseURL: opsAppUrl,
      viewport: LAPTOP,
      timeout: ACTION_TIMEOUT_MS,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return {
    async signedInTab(tenant) {
      const tab = new OpsAppTab(await context.newPage());
      await tab.signIn(tenant);
      return tab;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
