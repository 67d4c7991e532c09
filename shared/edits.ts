/**
 * Edit (PATCH) bodies derived from the create bodies. An edit carries only the
 * fields it changes; a field left out keeps its stored value.
 *
 * zod 4 applies a field's `.default(...)` even when the field is wrapped in
 * `.optional()` (which is what `.partial()` does), so a partial built straight
 * from a create schema fills every field left out with its default, and the
 * update then overwrites what was stored. `editSchemaOf` unwraps the defaults
 * of the fields first: a field left out is absent from the parsed edit.
 *
 * A field that is sent is taken whole: a nested object (a round's scope) is
 * the new value of the field, its own defaults included.
 */
import { z } from 'zod';

/** The schema inside any `.default()`, `.prefault()` and `.optional()` wrappers. */
type Bare<T> = T extends z.ZodDefault<infer Inner> | z.ZodPrefault<infer Inner> | z.ZodOptional<infer Inner> ? Bare<Inner> : T;
type EditShape<Shape extends z.ZodRawShape> = { [Key in keyof Shape]: z.ZodOptional<Bare<Shape[Key]>> };

function bare(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) return bare(schema.unwrap() as z.ZodType);
  return schema;
}

/** Every field of `create` optional and without default (object-level refinements of `create` are not carried over). */
export function editSchemaOf<Shape extends z.ZodRawShape>(create: z.ZodObject<Shape>): z.ZodObject<EditShape<Shape>> {
  const shape = Object.fromEntries(Object.entries(create.shape).map(([key, field]) => [key, bare(field as z.ZodType).optional()]));
  return z.object(shape) as unknown as z.ZodObject<EditShape<Shape>>;
}

/** The version the editor started from: a stale one gets 409. */
export const editVersion = z.number().int().positive();
