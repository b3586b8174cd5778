package io.cocsync.accounts;

import io.cocsync.storage.GroupCommit;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Registers, changes, lists and removes vendor accounts; a change is stored before it is answered. */
public final class AccountService {

    private final AccountRepository accounts;
    private final AccountIds ids;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final EndpointSchemePolicy endpoints;

    public AccountService(AccountRepository accounts, AccountIds ids, Clock clock, GroupCommit groupCommit,
            EndpointSchemePolicy endpoints) {
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
        this.groupCommit = groupCommit;
        this.endpoints = endpoints;
    }

    public String register(NewVendorAccount request) {
        EndpointSyntax.check(request.endpoint());
        endpoints.check(request.vendor(), request.endpoint());
        OffsetDateTime now = now();
        VendorAccount account = new VendorAccount(
                ids.next(),
                request.vendor(),
                request.accountId(),
                request.accountName(),
                request.domainId(),
                request.ak(),
                Secret.of(request.sk()),
                request.endpoint(),
                request.tenantId(),
                request.subscriptionId(),
                request.regionIds(),
                // never synchronized yet: "waiting" is the state Huawei Cloud shows for a new account
                SyncState.WAITING,
                null,
                null,
                now,
                now);
        if (!accounts.insert(account)) {
            throw new DuplicateVendorAccountException(request.vendor(), request.accountId());
        }
        groupCommit.awaitStored();
        return account.id();
    }

    /**
     * Changes the account. A change of where its secret is sent (the endpoint; for Azure also the
     * tenant, which names the token URL) must carry the secret again: a caller who may update an
     * account but never knew its secret cannot have the stored one sent to an address of its own.
     */
    public String update(String domainId, String id, VendorAccountChanges changes) {
        EndpointSyntax.check(changes.endpoint());
        VendorAccount current = findInDomain(domainId, id);
        boolean endpointChanges = changes.endpoint() != null && !changes.endpoint().equals(current.endpoint());
        boolean tenantChanges = current.vendor() == CloudVendor.AZURE && changes.tenantId() != null
                && !changes.tenantId().equals(current.tenantId());
        if ((endpointChanges || tenantChanges) && changes.sk() == null) {
            throw new CredentialDestinationException("Invalid parameter values: changing "
                    + (endpointChanges ? "endpoint" : "tenant_id")
                    + " changes where the account's secret is sent, so give sk again in the same request.");
        }
        if (endpointChanges) {
            endpoints.check(current.vendor(), changes.endpoint());
        }
        if (!accounts.updateSettings(changes.applyTo(current, now()))) {
            throw notFound(id);
        }
        groupCommit.awaitStored();
        return id;
    }

    /** Removes the account and, through the foreign key, every resource synchronized from it. */
    public String delete(String domainId, String id) {
        findInDomain(domainId, id);
        if (!accounts.deleteUnlessRunning(id)) {
            throw accounts.find(id).isPresent() ? new VendorAccountBusyException(id) : notFound(id);
        }
        groupCommit.awaitStored();
        return id;
    }

    public Page<VendorAccount> list(VendorAccountQuery query) {
        return accounts.list(query);
    }

    /** Another domain's account is answered like a missing one, by the same path: its existence is not revealed. */
    private VendorAccount findInDomain(String domainId, String id) {
        return accounts.findInDomain(id, domainId).orElseThrow(() -> notFound(id));
    }

    private static VendorAccountNotFoundException notFound(String id) {
        return new VendorAccountNotFoundException("The vendor account does not exist: id " + id + ".");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
