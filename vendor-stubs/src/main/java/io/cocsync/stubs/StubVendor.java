package io.cocsync.stubs;

/**
 * The vendor a stub stands in for, spelt as the API's {@code vendor} field spells it. The stubs
 * keep their own list, rather than the service's, so that this module needs nothing of the
 * service: {@code StubVendor.AWS.name()} is the value a test puts into an account it registers.
 */
public enum StubVendor {
    RMS,
    AZURE,
    ALI,
    VMWARE,
    OPENSTACK,
    HCS,
    OTHER,
    AWS
}
