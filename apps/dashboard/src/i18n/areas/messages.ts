/** The same nested keys with any string values: the shape a translation must have. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** A translation that covers only some keys (Quechua: the leader and confirmation screens); the rest fall back to Spanish. */
export type PartialMessages<T> = { [K in keyof T]?: T[K] extends string ? string : PartialMessages<T[K]> };
