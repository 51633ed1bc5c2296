// DEMO DATA: the people of the demo identity provider. The first four are
// catalog Users of the demo organisation (catalog/org.yaml); the last has no
// catalog User, to show that the portal refuses such a person.
export const demoUsers = [
  {
    id: 'sam.rivera',
    name: 'Sam Rivera',
    email: 'sam.rivera@tidewater.example',
    role: 'developer, checkout team',
  },
  {
    id: 'jonas.weber',
    name: 'Jonas Weber',
    email: 'jonas.weber@tidewater.example',
    role: 'developer, payments team',
  },
  {
    id: 'priya.nair',
    name: 'Priya Nair',
    email: 'priya.nair@tidewater.example',
    role: 'platform team',
  },
  {
    id: 'tomas.lindqvist',
    name: 'Tomas Lindqvist',
    email: 'tomas.lindqvist@tidewater.example',
    role: 'platform team (a second triager)',
  },
  {
    id: 'visitor',
    name: 'Val Visitor',
    email: 'val.visitor@elsewhere.example',
    role: 'not in the catalog (sign-in is refused)',
  },
];

// The portal's client registration at the demo provider. Local only, like
// the demo provider itself; app-config.users.yaml uses the same values.
export const demoClient = {
  clientId: 'lodestar-local',
  clientSecret: 'local-demo-client-secret',
};
