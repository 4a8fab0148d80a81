/**
 * Installs the ET fake where WPS would put the real thing: `Application` and `wps` on a page's window (or any
 * scope), plus `__wpsFake` for the test to play the person at the keyboard (`typeAsUser`, `insertRowsAsUser`)
 * and to read the fake's state and call counts.
 */
import { FakeEt, type FakeEtOptions } from './fake-et';

export interface WpsFakeScope {
  __wpsFakeOptions?: FakeEtOptions;
  __wpsFake?: FakeEt;
  Application?: unknown;
  wps?: unknown;
}

export function installWpsFake(
  scope: WpsFakeScope,
  options: FakeEtOptions = scope.__wpsFakeOptions ?? {},
): FakeEt {
  const fake = new FakeEt(options);
  scope.Application = fake.application;
  scope.wps = fake.wps;
  scope.__wpsFake = fake;
  return fake;
}
