// What teams need of other capabilities, handed over by app.ts (a capability never imports a
// sibling): the map, which holds the register (a team is a map object of kind 'team'), and tasks,
// through which a team is dispatched. Both are reached through their own handlers, so the map's
// cache, history and events and the tasks' rules stay theirs.

import type { SheetCells, SheetReader } from '../shared/sheet-import';
import type { z } from 'zod';
import type { CallContext } from '../contract/define';
import type { MapObject } from '../contract/map';
import type { Task, TaskDetail, TaskInput } from '../contract/tasks';
import type { Tx } from '../store';

/** A team as the map holds it. */
export type MapTeam = Extract<MapObject, { kind: 'team' }>;

export interface TeamMapLinks {
  /** Every team object on the map now. */
  teams(): Promise<MapTeam[]>;
  /** One team object (undefined if there is none, or the object is not a team). */
  team(id: string): Promise<MapTeam | undefined>;
  /** Saves a team object through the map's own save (its history, its cache, map.objectsChanged). */
  save(team: MapTeam, peer: string): Promise<void>;
  /** Imports GeoJSON through the map's own import (all or nothing; its history, its event). */
  importGeoJson(text: string, peer: string): Promise<{ created: number; updated: number }>;
}

/** The guarded .xlsx reader the roster import uses (zip checked first, exceljs in a capped worker). */
export type WorkbookLinks = SheetReader;
export type { SheetCells };

export interface TeamTaskLinks {
  /**
   * Issues a task exactly as tasks.issue does (its rules, its history, tasks.changed); `alsoIn`
   * runs in the same store transaction once the task is written (a throw there writes nothing).
   */
  issue(
    task: z.output<typeof TaskInput>,
    by: string,
    ctx: CallContext,
    alsoIn?: (tx: Tx, task: { id: string; title: string; issuedAt: number }) => void,
  ): Promise<TaskDetail>;
  /** One task, undefined if there is none. */
  get(id: string): Promise<Task | undefined>;
  /** The tasks addressed to a team of that name that are not final, newest first. */
  openFor(teamName: string): Promise<Task[]>;
}

export interface TeamLinks {
  map: TeamMapLinks;
  tasks: TeamTaskLinks;
  workbook: WorkbookLinks;
}
