/*
 * Catalog rule, in the processing pipeline: a User, Group or Template may
 * come from the portal's config, an org entity provider, or a location the
 * platform team registered. From a location anyone else registered it is
 * refused with a processing error (shown on the catalog errors page), even
 * when the file gained it after registration. So is one from a catalog file
 * that repository discovery found: whoever can push to any repository of
 * the organisation writes those.
 */
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';
import { isPlatformKind } from '@internal/plugin-catalog-lodestar-common';
import { PlatformLocations } from './PlatformLocations';

export class PlatformKindsProcessor implements CatalogProcessor {
  constructor(private readonly locations: PlatformLocations) {}

  getProcessorName() {
    return 'LodestarPlatformKindsProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    _emit: unknown,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (!isPlatformKind(entity.kind)) return entity;
    const origin = originLocation ?? location;
    if (await this.locations.registeredByOthers(origin.type, origin.target)) {
      throw new NotAllowedError(
        `${entity.kind} ${entity.metadata.name} comes from ${origin.target}, which was not registered by the platform team; only the platform team brings in Users, Groups and Templates`,
      );
    }
    // Discovery only makes url locations; the platform team may register a
    // discovered file itself to vouch for it.
    if (
      origin.type === 'url' &&
      (await this.locations.discovered(origin.type, origin.target)) &&
      !(await this.locations.registeredByPlatform(origin.target))
    ) {
      throw new NotAllowedError(
        `${entity.kind} ${entity.metadata.name} comes from ${origin.target}, a catalog file found by repository discovery; only the platform team brings in Users, Groups and Templates (register the location as the platform team)`,
      );
    }
    return entity;
  }
}
