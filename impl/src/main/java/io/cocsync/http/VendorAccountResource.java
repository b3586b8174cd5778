package io.cocsync.http;

import io.cocsync.accounts.AccountService;
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
    /** Per request (Jersey injects a proxy): the caller, set by the authentication filter. */
    @Context
    private SecurityContext security;

    public VendorAccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public VendorAccountIdResponse createVendorAccount(VendorAccountCreateRequest request) {
        return new VendorAccountIdResponse().data(accounts.register(WireMapping.newAccount(request, domainId())));
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
        return new VendorAccountIdResponse().data(accounts.update(domainId(), id, WireMapping.changes(request)));
    }

    @Override
    public VendorAccountIdResponse deleteVendorAccount(String id) {
        return new VendorAccountIdResponse().data(accounts.delete(domainId(), id));
    }

    private String domainId() {
        return CallerSecurityContext.callerOf(security).domainId();
    }
}
