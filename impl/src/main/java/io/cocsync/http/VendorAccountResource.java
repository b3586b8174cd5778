package io.cocsync.http;

import io.cocsync.accounts.AccountService;
import io.cocsync.audit.AuditLog;
import io.cocsync.auth.Caller;
import io.cocsync.accounts.Page;
import io.cocsync.accounts.VendorAccountQuery;
import io.cocsync.api.server.VendorAccountApi;
import io.cocsync.api.server.model.ListVendorAccountResponse;
import io.cocsync.api.server.model.Vendor;
import io.cocsync.api.server.model.VendorAccountCreateRequest;
import io.cocsync.api.server.model.VendorAccountIdResponse;
import io.cocsync.api.server.model.VendorAccountUpdateRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** The vendor-account operations: each maps the wire form and calls the account service. */
public final class VendorAccountResource implements VendorAccountApi {

    private final AccountService accounts;
    private final AuditLog audit;
    /** Per request (Jersey injects a proxy): the caller, set by the authentication filter. */
    @Context
    private SecurityContext security;

    public VendorAccountResource(AccountService accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public VendorAccountIdResponse createVendorAccount(VendorAccountCreateRequest request) {
        String id = accounts.register(WireMapping.newAccount(request, domainId()));
        audited("account_created", id).with("vendor", String.valueOf(request.getVendor()))
                .with("account_id", request.getAccountId()).write();
        return new VendorAccountIdResponse().data(id);
    }

    @Override
    public ListVendorAccountResponse listVendorAccount(Integer limit, Integer offset, String marker, Vendor vendor,
            String accountId, String accountName) {
        Page<io.cocsync.accounts.VendorAccount> page = accounts.list(new VendorAccountQuery(domainId(),
                WireMapping.vendor(vendor), accountId, accountName, marker, offset, limit));
        return new ListVendorAccountResponse()
                .data(page.items().stream().map(WireMapping::account).toList())
                .total(page.total());
    }

    @Override
    public VendorAccountIdResponse updateVendorAccount(String id, VendorAccountUpdateRequest request) {
        if (WireMapping.isEmpty(request)) {
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "Invalid parameter values: give at least one field to change."));
        }
        accounts.update(domainId(), id, WireMapping.changes(request));
        // the names of the fields given, never their values: ak and sk are secrets or half of one
        audited("account_updated", id).with("fields", WireMapping.fieldsGiven(request)).write();
        return new VendorAccountIdResponse().data(id);
    }

    @Override
    public VendorAccountIdResponse deleteVendorAccount(String id) {
        accounts.delete(domainId(), id);
        audited("account_deleted", id).write();
        return new VendorAccountIdResponse().data(id);
    }

    private String domainId() {
        return CallerSecurityContext.callerOf(security).domainId();
    }

    /** An audit line about one account, naming who did it (AK or token hash prefix) and in which domain. */
    private AuditLog.Entry audited(String event, String id) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return audit.event(event).with("caller", caller.name()).with("domain_id", caller.domainId()).with("id", id);
    }
}
