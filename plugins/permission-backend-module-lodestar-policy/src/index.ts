/**
 * Lodestar's permission policy, in code: the permission backend's module
 * that installs it (default export) and the policy class.
 *
 * @packageDocumentation
 */
export { permissionModuleLodestarPolicy as default } from './module';
export { LodestarPermissionPolicy } from './LodestarPermissionPolicy';
