/** The same nested keys with any string values: the shape a translation must have. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
