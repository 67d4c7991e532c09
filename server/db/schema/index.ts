export * from './reference';
export * from './recommendations';
export * from './audit';
export * from './people';
export * from './assignments';
export * from './actions';
export * from './follow-up';
export * from './indicators';
