package io.cocsync.accounts;

/** The cloud vendors an account can belong to; stored by name. */
public enum CloudVendor {
    RMS,
    AZURE,
    ALI,
    VMWARE,
    OPENSTACK,
    HCS,
    OTHER,
    AWS
}
