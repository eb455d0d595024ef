import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphGet } from './graph-requests.ts';

/**
 * A team's name, channels and members, for the SENCO choosing where reminders go and seeing who holds which
 * app role. App-only, with the Directory.Read.All permission SENCO Hub already has
 * (https://learn.microsoft.com/en-us/graph/api/channel-list, https://learn.microsoft.com/en-us/graph/api/group-list-members).
 */

export type TeamChannels = { teamId: string; teamName: string; channels: { id: string; name: string }[] };
export type TeamMember = { userId: string; name: string; upn: string };

export type TeamsDirectory = {
  /** Undefined when there is no such team (deleted, or not a team). */
  teamChannels(teamId: string): Promise<TeamChannels | undefined>;
  teamMembers(teamId: string): Promise<TeamMember[]>;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createTeamsDirectory(connection: GraphConnection): TeamsDirectory {
  return {
    async teamChannels(teamId) {
      if (!GUID.test(teamId)) return undefined;
      try {
        const team = await graphGet<{ id: string; displayName?: string | null }>(
          connection,
          `/teams/${teamId}?$select=id,displayName`,
          'read the team',
        );
        const channels = await getAllPages<{ id: string; displayName?: string | null }>(
          connection,
          `/teams/${teamId}/channels?$select=id,displayName`,
          'read the team’s channels',
        );
        return {
          teamId: team.id,
          teamName: team.displayName ?? '',
          channels: channels.map((c) => ({ id: c.id, name: c.displayName ?? '' })),
        };
      } catch (err) {
        if (err instanceof GraphRequestError && err.status === 404) return undefined;
        throw err;
      }
    },
    async teamMembers(teamId) {
      if (!GUID.test(teamId)) return [];
      const members = await getAllPages<{
        '@odata.type'?: string;
        id: string;
        displayName?: string | null;
        userPrincipalName?: string | null;
      }>(
        connection,
        `/groups/${teamId}/members?$select=id,displayName,userPrincipalName`,
        'read the team’s members',
      );
      return members
        .filter((m) => m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user')
        .map((m) => ({ userId: m.id, name: m.displayName ?? '', upn: m.userPrincipalName ?? '' }));
    },
  };
}
