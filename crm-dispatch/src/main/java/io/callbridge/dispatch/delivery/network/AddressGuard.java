package io.callbridge.dispatch.delivery.network;

import io.callbridge.common.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps deliveries away from the service's own network (SSRF): a CRM's host is resolved here, every address it
 * resolves to is checked, and the request connects to the checked address, so a DNS answer that changes between a
 * check and the connection (rebinding) does not get through. Loopback, private, link-local (cloud metadata), CGNAT,
 * unique-local, multicast and unspecified addresses are refused, an IPv4-mapped IPv6 address by its IPv4 address,
 * unless the configuration allows the network, for every tenant or for the delivery's tenant.
 */
@ApplicationScoped
public class AddressGuard {

    private static final List<Cidr> REFUSED_V4 = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"));
    private static final List<Cidr> REFUSED_V6 = List.of(Cidr.parse("fc00::/7"), Cidr.parse("::/96"),
            Cidr.parse("64:ff9b::/96"));

    private final Vertx vertx;
    private final List<Cidr> allowedForAll;
    private final Map<TenantId, List<Cidr>> allowedByTenant;

    AddressGuard(Vertx vertx, NetworkConfig config) {
        this.vertx = vertx;
        this.allowedForAll = config.allowedAddresses().orElse(List.of()).stream().map(Cidr::parse).toList();
        this.allowedByTenant = config.tenants().entrySet().stream().collect(Collectors.toMap(
                entry -> TenantId.of(entry.getKey()),
                entry -> entry.getValue().allowedAddresses().stream().map(Cidr::parse).toList()));
    }

    /**
     * The address to connect to for this host.
     *
     * @return fails with {@link RefusedAddressException} when the host has an address the tenant may not reach
     */
    public Uni<InetAddress> resolve(String host, TenantId tenant) {
        // The JDK's resolver blocks (it reads /etc/hosts and asks the system's DNS): it runs on a worker thread.
        return vertx.executeBlocking(Uni.createFrom().item(() -> lookup(host)), false).map(addresses -> {
            for (InetAddress address : addresses) {
                Optional<String> refused = refusal(address);
                if (refused.isPresent() && !allowed(address, tenant)) {
                    throw new RefusedAddressException("%s resolves to %s, %s; not allowed for tenant %s"
                            .formatted(host, address.getHostAddress(), refused.get(), tenant));
                }
            }
            return addresses[0];
        });
    }

    /**
     * Why an endpoint may not have this host, checked when it is defined (deliveries are checked again at each
     * connection): an address the host resolves to is refused and not allowed for the endpoint's tenant, or, for an
     * endpoint that serves every tenant, for none. A host that does not resolve (yet) is left to delivery time.
     */
    public Uni<Optional<String>> refusalAtCreation(String host, Optional<TenantId> tenant) {
        // The JDK's resolver blocks: it runs on a worker thread.
        return vertx.executeBlocking(Uni.createFrom().item(() -> refusalAtCreationNow(host, tenant)), false);
    }

    /** {@link #refusalAtCreation} on the calling thread, which may block: for startup. */
    public Optional<String> refusalAtCreationNow(String host, Optional<TenantId> tenant) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            boolean allowed = tenant.map(owner -> allowed(address, owner)).orElseGet(() -> allowedForAny(address));
            if (refused.isPresent() && !allowed) {
                return Optional.of("%s resolves to %s, %s; not allowed for %s".formatted(host,
                        address.getHostAddress(), refused.get(),
                        tenant.map(owner -> "tenant " + owner).orElse("any tenant")));
            }
        }
        return Optional.empty();
    }

    /** Why the address is refused by default, if it is. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress checked = unmapped(address);
        if (checked.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (checked.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (checked.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata lives there)");
        }
        if (checked.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (checked.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        List<Cidr> reserved = checked instanceof Inet4Address ? REFUSED_V4 : REFUSED_V6;
        if (reserved.stream().anyMatch(network -> network.contains(checked))) {
            return Optional.of(checked instanceof Inet4Address
                    ? "a shared (CGNAT) or reserved address" : "a unique-local or embedded IPv4 address");
        }
        return Optional.empty();
    }

    private boolean allowed(InetAddress address, TenantId tenant) {
        InetAddress checked = unmapped(address);
        return allowedForAll.stream().anyMatch(network -> network.contains(checked) || network.contains(address))
                || allowedByTenant.getOrDefault(tenant, List.of()).stream()
                .anyMatch(network -> network.contains(checked) || network.contains(address));
    }

    private boolean allowedForAny(InetAddress address) {
        return allowedForAll.stream().anyMatch(network -> network.contains(unmapped(address)) || network.contains(address))
                || allowedByTenant.keySet().stream().anyMatch(tenant -> allowed(address, tenant));
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}) is its IPv4 address. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF
                    && Arrays.equals(Arrays.copyOf(bytes, 10), new byte[10]);
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are an IPv4 address", e);
                }
            }
        }
        return address;
    }

    private static InetAddress[] lookup(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException("unknown host " + host);
        }
    }
}
