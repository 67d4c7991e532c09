/**
 * The action contract agrees with the validation chain and the permissions
 * table: each transition's endpoint permission names exactly the roles the
 * state machine lets make that move, and the list filter (viewableScope)
 * shows exactly what canView shows, for every combination of memberships.
 */
import { describe, expect, it } from 'vitest';
import { TRANSITION_PERMISSIONS } from './actions';
import { PERMISSIONS, type Role } from './permissions';
import { ACTION_STATES, ACTION_TRANSITIONS, canView, viewableScope, type ActorContext, type TransitionName } from './workflows/action-review';

describe('transition permissions', () => {
  it.each(Object.keys(ACTION_TRANSITIONS) as TransitionName[])('%s: the permission names the roles of the rule', (name) => {
    const cells = PERMISSIONS[TRANSITION_PERMISSIONS[name]] as Partial<Record<Role, string>>;
    expect(Object.keys(cells).sort()).toEqual([...ACTION_TRANSITIONS[name].roles].sort());
    // Institution roles act on their own institution only; the secretariat everywhere.
    for (const [role, scope] of Object.entries(cells)) expect(scope).toBe(role === 'secretariat' ? 'any' : 'own_institution');
  });
});

describe('viewableScope agrees with canView', () => {
  const ROLES = ['focal_point', 'alternate_focal_point', 'validator', 'secretariat', 'administrator'] as const;
  const INSTITUTIONS = [1, 2];
  // Every membership a person could hold here, and every subset of up to three of them.
  const memberships: ActorContext['roles'][number][] = ROLES.flatMap((role): ActorContext['roles'][number][] => (role === 'secretariat' || role === 'administrator'
    ? [{ role, institutionId: null }] : INSTITUTIONS.map((institutionId) => ({ role, institutionId }))));
  const actors: ActorContext[] = [{ roles: [] }];
  for (let a = 0; a < memberships.length; a++) {
    actors.push({ roles: [memberships[a]] });
    for (let b = a + 1; b < memberships.length; b++) {
      actors.push({ roles: [memberships[a], memberships[b]] });
      for (let c = b + 1; c < memberships.length; c++) actors.push({ roles: [memberships[a], memberships[b], memberships[c]] });
    }
  }

  it(`for ${actors.length} actors × ${ACTION_STATES.length} states × ${INSTITUTIONS.length + 1} institutions`, () => {
    for (const actor of actors) {
      const scope = viewableScope(actor);
      for (const state of ACTION_STATES) {
        for (const institutionId of [...INSTITUTIONS, 3]) {
          const entry = scope.find((s) => s.state === state)!;
          const listed = entry.institutions === 'all' || entry.institutions.includes(institutionId);
          expect(listed, JSON.stringify({ actor, state, institutionId })).toBe(canView(actor, { state, institutionId }));
        }
      }
    }
  });
});
