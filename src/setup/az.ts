/**
 * Each write `setup` makes, as the Azure CLI command that makes the same change, for people who
 * run them by hand (--dry-run prints them). Ids not known yet are shell variables filled by the
 * command that creates them, so the printed lines run as they are, in order.
 */
import type { FicSuggestion } from '../doctor/suggest.js';
import { azCommand } from '../doctor/suggest.js';
import { shellQuote } from '../core/text.js';

/** A value as one shell word: bare when nothing in it is special, quoted otherwise. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : shellQuote(value);
}

/** Where an id comes from: a known value, or the variable a previous line set. */
export type IdRef = { value: string } | { variable: string };

function ref(id: IdRef): string {
  return 'value' in id ? shellWord(id.value) : `"$${id.variable}"`;
}

export function azAppCreate(displayName: string, captureAs?: string): string {
  const command = `az ad app create --display-name ${shellWord(displayName)}`;
  return captureAs === undefined ? command : `${captureAs}=$(${command} --query appId -o tsv)`;
}

export function azSpCreate(appId: IdRef, captureAs?: string): string {
  const command = `az ad sp create --id ${ref(appId)}`;
  return captureAs === undefined ? command : `${captureAs}=$(${command} --query id -o tsv)`;
}

/** The doctor's own command for the FIC it would suggest (one source for both). */
export function azFicCreate(fic: FicSuggestion, appId: IdRef): string {
  return azCommand(fic, ref(appId));
}

export function azFicUpdate(fic: FicSuggestion, appId: IdRef, ficId: string): string {
  const parameters = JSON.stringify({
    name: fic.name,
    issuer: fic.issuer,
    subject: fic.subject,
    audiences: fic.audiences,
    description: fic.description,
  });
  return `az ad app federated-credential update --id ${ref(appId)} --federated-credential-id ${shellWord(ficId)} --parameters ${shellQuote(parameters)}`;
}

export function azRoleAssignmentCreate(principalObjectId: IdRef, role: string, scope: string): string {
  return `az role assignment create --assignee-object-id ${ref(principalObjectId)} --assignee-principal-type ServicePrincipal --role ${shellWord(role)} --scope ${shellWord(scope)}`;
}
