/** What the add-VM forms hand to the calculator: the fields as typed, for the engine to read. */
export interface NewVmOptions {
  cpuType: string;
  diskFormat: string;
  provisioning: string;
  nic: string;
  balloon: boolean;
  cpuPolicy: string;
}

export interface FlavorRequest {
  flavor: string;
  name?: string;
  options: NewVmOptions & { bootFromVolume: boolean };
}

export interface CustomRequest {
  name?: string;
  size: Record<string, string | boolean>;
  options: NewVmOptions;
}
