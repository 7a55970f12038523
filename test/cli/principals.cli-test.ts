import assert from "node:assert/strict";
import { test } from "node:test";
import { cplane, cplaneJson } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

test("principals identities link, list and unlink; an identity of another principal is refused with the server's code", async () => {
  const admin = await newTenant("ident");
  const ann = (await cplaneJson(["keys", "create", "--name", "ann", "--capability", "control-plane.approval"], admin.env)) as { principalId: string };
  const bob = (await cplaneJson(["keys", "create", "--name", "bob", "--capability", "control-plane.approval"], admin.env)) as { principalId: string };

  const linked = await cplane(["principals", "identities", "link", ann.principalId, "slack:T0001:U0ANN"], admin.env);
  assert.equal(linked.code, 0, linked.stderr);
  assert.match(linked.stdout, /IDENTITY\s+SOURCE/);
  assert.match(linked.stdout, /slack:T0001:U0ANN\s+linked/);

  const listed = (await cplaneJson(["principals", "identities", "list", ann.principalId], admin.env)) as { identities: { identity: string }[] };
  assert.deepEqual(listed.identities.map((i) => i.identity), [ann.principalId, "slack:T0001:U0ANN"]);

  const taken = await cplane(["principals", "identities", "link", bob.principalId, "slack:T0001:U0ANN"], admin.env);
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /409.*IDENTITY_ALREADY_LINKED/);

  const unlinked = await cplane(["principals", "identities", "unlink", ann.principalId, "slack:T0001:U0ANN"], admin.env);
  assert.equal(unlinked.code, 0, unlinked.stderr);
  assert.doesNotMatch(unlinked.stdout, /U0ANN/);
});
