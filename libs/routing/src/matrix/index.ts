export * from './types';
export * from './great-circle';
export * from './osrm';
export * from './cache';
