// Generated from src/api/openapi.json by `npm run api:generate -w apps/web`; do not edit.
export interface paths {
    "/admin/canaries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each service's canary: its share, the outcomes in its window, its state and its last rollback */
        get: operations["listCanaries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/canaries/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the share of a service's requests its canary takes (0 turns it off; this gateway instance only) */
        put: operations["setCanaryShare"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/canaries/{service}/mismatches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dual run: the comparisons of the primary's and the canary's answers to the chosen reads, and the latest mismatches */
        get: operations["listCanaryMismatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My profile and my last five orders (orders may be degraded, the profile never is) */
        get: operations["getMyOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}/tracking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where my order is: the order, its shipment and its courier, each marked degraded if its service is down */
        get: operations["trackMyOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and sign in
         * @description Password policy: 8 to 128 characters of any kind, not one of the ~50,000 most common passwords (case ignored), and not the email address itself. Attempts are limited per client and per email (429 with Retry-After).
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Repeated failures for one email or from one client are answered 429 with Retry-After.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who a bearer token speaks for */
        get: operations["verifyToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of the bearer token */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My profile */
        get: operations["getMyProfile"];
        put?: never;
        post?: never;
        /**
         * Delete my account
         * @description Confirmed with the password. The profile is blanked, addresses and preferences removed, every session ended; each service then erases or anonymises what it holds (orders are kept for accounting without the personal fields). Wrong passwords count as failed logins (429 with Retry-After).
         */
        delete: operations["deleteMyAccount"];
        options?: never;
        head?: never;
        /**
         * Change my names, email address or phone number
         * @description A new email address is unverified: a verification link is mailed to it. Email changes are limited per client and per email (429 with Retry-After).
         */
        patch: operations["updateMyProfile"];
        trace?: never;
    };
    "/users/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channels the shop may use to reach me */
        get: operations["getMyNotificationPreferences"];
        /**
         * Choose the channels the shop may use to reach me
         * @description Every channel is given. A change is announced (user.updated) to the services that send messages.
         */
        put: operations["setMyNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify my email address with the token of the mailed link
         * @description Each link works once, until it expires or a newer one is sent.
         */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send me a new verification link
         * @description The links sent before stop working. Limited per client and per email (429 with Retry-After).
         */
        post: operations["resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail me a link to choose a new password
         * @description The answer is the same whether or not the email has an account. The link works once, for IDENTITY_PASSWORD_RESET_TTL_SECONDS (30 minutes by default). Limited per client and per email (429 with Retry-After).
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose a new password with the token of the mailed link
         * @description Password policy: 8 to 128 characters of any kind, not one of the ~50,000 most common passwords (case ignored), and not the email address itself. Every session of the account ends: sign in again with the new password.
         */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My addresses, the default first */
        get: operations["listMyAddresses"];
        put?: never;
        /** Add an address */
        post: operations["addMyAddress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/addresses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my addresses */
        get: operations["getMyAddress"];
        put?: never;
        post?: never;
        /**
         * Delete one of my addresses
         * @description Deleting the default makes the oldest remaining address the default.
         */
        delete: operations["deleteMyAddress"];
        options?: never;
        head?: never;
        /** Change one of my addresses */
        patch: operations["updateMyAddress"];
        trace?: never;
    };
    "/users/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My preferences as a key → value map */
        get: operations["getMyPreferences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/preferences/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set one preference */
        put: operations["setMyPreference"];
        post?: never;
        /** Remove one preference */
        delete: operations["deleteMyPreference"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a user's role (admin)
         * @description Idempotent. Takes effect with the next access token the user gets (a refresh, within 5 minutes).
         */
        put: operations["setUserRole"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a user (admin)
         * @description As the user deleting their own account, without the password.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A deleted user's erasure across the services (admin) */
        get: operations["getUserErasure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The category tree
         * @description Every category, nested under its parent; siblings by name.
         */
        get: operations["listCategories"];
        put?: never;
        /**
         * Add a category (admin)
         * @description Answers 201 with the category and its Location; a parentId that names no category is a 400 naming it.
         */
        post: operations["createCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/categories/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A category (by slug or id) with its ancestors and the tree below it
         * @description Ancestors from the root down; a slug or id that names no category is a 404.
         */
        get: operations["getCategory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current price, name, SKU and status of up to 100 products, in one call
         * @description For pricing an order: read from the primary database, so a price just changed is the one answered. Beyond the schema there is no refusal: an id that names no product is simply left out.
         */
        get: operations["priceProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which of up to 100 product ids name a product (of any status)
         * @description For services that hold product ids. Beyond the schema there is no refusal: an id that names no product is simply left out.
         */
        get: operations["lookupProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Active products, filtered, sorted and keyset-paginated
         * @description Filters narrow, the sort orders, nextCursor gives the next page. Beyond the parameters' schemas, the only refusals are a cursor that is not the nextCursor of this sort's listing and a category that names none (400 naming the parameter).
         */
        get: operations["listProducts"];
        put?: never;
        /**
         * Add a product (admin)
         * @description Answers 201 with the product and its Location; a categoryId that names no category is a 400 naming it. A successful answer carries `x-catalog-lsn` when catalog reads from a replica: send it back on reads to see this write.
         */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A product of any status, with images, rating and availability
         * @description Discontinued products stay readable here (orders refer to them); an unknown id is a 404.
         */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        /**
         * Discontinue a product (admin): it leaves listings, stays readable
         * @description A soft delete: the product keeps its id for the orders that refer to it. Discontinuing again changes nothing. A successful answer carries `x-catalog-lsn` when catalog reads from a replica: send it back on reads to see this write.
         */
        delete: operations["discontinueProduct"];
        options?: never;
        head?: never;
        /**
         * Change a product (admin)
         * @description Changes the fields given (images are replaced as a list); a categoryId that names no category is a 400 naming it. A successful answer carries `x-catalog-lsn` when catalog reads from a replica: send it back on reads to see this write.
         */
        patch: operations["updateProduct"];
        trace?: never;
    };
    "/products/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A product's reviews, newest first, keyset-paginated
         * @description Each review names its author by display name and says whether it is of a verified purchase.
         */
        get: operations["listProductReviews"];
        put?: never;
        /**
         * Review a product (signed-in user, once per product)
         * @description Answers the review as everyone will see it.
         */
        post: operations["createProductReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock items in SKU order, keyset-paginated (admin) */
        get: operations["listStockItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stock item and its recent movements (admin) */
        get: operations["getStockItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory/{sku}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record goods received (admin) */
        post: operations["receiveStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory/{sku}/adjust": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct the count on hand (admin); never below what is reserved */
        post: operations["adjustStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My orders, newest first (keyset pagination)
         * @description nextCursor gives the next page. Beyond the parameters' schemas, the only refusal is a cursor that is not a nextCursor of this listing (400 naming cursor).
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Check out: place an order and start its checkout
         * @description Answers 202 at once with the order (status pending) and its Location; follow GET /orders/:id. Idempotency-Key is required: the same key returns the same order, the same key with another request is refused (422).
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my orders, with its checkout timeline
         * @description Someone else's order is a 404, as one that does not exist (admins may read any).
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel my order (until it is dispatched)
         * @description During checkout it stops the saga and undoes what was done; once confirmed it cancels the shipment, releases the stock and refunds the payment. Answers 202 with the order (status cancelling, then cancelled); 409 once the order is dispatched or if it was rejected.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/sagas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Checkout sagas, newest first: open, stuck or all (keyset pagination)
         * @description nextCursor gives the next page. Beyond the parameters' schemas, the only refusal is an after that is not a nextCursor of this listing (400 naming after).
         */
        get: operations["listSagas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/sagas/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One checkout saga with its step log */
        get: operations["getSaga"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My payment methods, newest first */
        get: operations["listPaymentMethods"];
        put?: never;
        /**
         * Save a card as a payment method
         * @description The card is sent to the card processor's vault; payments keeps only its token, brand, last four digits and expiry. Use the answer's paymentMethodId to pay. A card you have saved already (the same number and expiry) is not saved twice: the answer is 200 with the method you have.
         */
        post: operations["createPaymentMethod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/methods/{paymentMethodId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one of my saved cards
         * @description Payments made with it are kept, with its brand and last four digits. Refused (409) while an order is being paid with it; try again once that order has its answer.
         */
        delete: operations["deletePaymentMethod"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My payments, newest first (admins: any order with orderId) */
        get: operations["listPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my payments with its operations */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/shipments/{tracking}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Track one of my shipments
         * @description Someone else's shipment is a 404, as a tracking number that names none (admins may see any).
         */
        get: operations["getShipment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My shipments, newest first (admins: any order with orderId)
         * @description next gives the next page. Beyond the parameters' schemas, the only refusal is an after that names no shipment of this listing (400 naming after).
         */
        get: operations["listShipments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Couriers, oldest first (admin) */
        get: operations["listCouriers"];
        put?: never;
        /** Register a courier (admin) */
        post: operations["registerCourier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/nearby": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Couriers on shift near a point, nearest first (admin)
         * @description Only couriers whose last position is fresh (sent within SHIPPING_POSITION_MAX_AGE_SECONDS) are listed.
         */
        get: operations["findNearbyCouriers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My courier record, shift and last position (courier) */
        get: operations["getMyCourierProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me/shift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Start or end my shift (courier)
         * @description Idempotent. Ending a shift forgets the last position and hands back the parcels not yet delivered, for other couriers.
         */
        put: operations["setMyShift"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me/location": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Where I am now (courier, on shift)
         * @description Sent every few seconds by a courier's app. Answers 409 when the courier is not on shift: start one first.
         */
        put: operations["updateMyLocation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One courier, with its last fresh position (admin) */
        get: operations["getCourier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The parcels assigned to me, not yet delivered (courier) */
        get: operations["listMyDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me/shipments/{id}/pickup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** I have the parcel (courier) */
        post: operations["pickUpShipment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me/shipments/{id}/delivered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The recipient has the parcel (courier) */
        post: operations["deliverShipment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/couriers/me/shipments/{id}/failed-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A delivery attempt failed (courier)
         * @description After 3 failed attempts the parcel is returned to the warehouse.
         */
        post: operations["reportFailedAttempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/shipments/{tracking}/courier": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The courier who has my parcel, and where they are */
        get: operations["getShipmentCourier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My messages, newest first
         * @description next gives the next page. Beyond the parameters' schemas, the only refusal is an after that names no message of this listing (400 naming after).
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages that used up their attempts (admins), newest first
         * @description Each with its last error. Beyond the parameters' schemas, the only refusal is an after that names no failed message (400 naming after).
         */
        get: operations["listFailedNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a failed message again (admins)
         * @description Its attempts start again. 404 for an id that names no message, 409 for a message that has not failed.
         */
        post: operations["retryNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/failed/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send every failed message again (admins)
         * @description Answers how many were queued again (0 when none had failed).
         */
        post: operations["retryFailedNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The send queue's counts (admins)
         * @description BullMQ's waiting, active, delayed and failed jobs, the age of the oldest waiting one, and the failed messages in the history. 503 while Redis is out of reach.
         */
        get: operations["getNotificationQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reports there are (admins) */
        get: operations["listReports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/reports/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One report over a period of UTC days (admins), as JSON or CSV
         * @description Beyond the parameters' schemas, 400 when from is after to or the period exceeds 366 days. format=csv (or Accept: text/csv) answers text/csv.
         */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The newest reconciliation run and its findings (admins)
         * @description 404 before the first run (runs happen on a schedule, or POST /analytics/reconciliation/runs).
         */
        get: operations["getReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/reconciliation/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile now (admins)
         * @description Runs every check and answers the run. A request while a run is under way gets that run.
         */
        post: operations["runReconciliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The warehouse's contents and how current it is (admins)
         * @description Events held and the newest, rows per fact table, when this process last folded a batch, and each CDC source's state (streaming, copying or reconnecting, its last applied position and lag).
         */
        get: operations["getAnalyticsStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Derive every fact table again from the raw events (admins)
         * @description One transaction: reports see the old tables until it commits. Events arriving meanwhile wait and are folded after it.
         */
        post: operations["rebuildWarehouse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/dlq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the messages parked in the dead-letter queue */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/dlq/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send parked messages back to their work queue */
        post: operations["replayDeadLetters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The outbox backlog: messages not yet relayed to the broker, and how old the oldest is */
        get: operations["getOutboxBacklog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The golden signals' raw counters: requests, latency buckets, pool and messages (rates are the reader's, from two snapshots) */
        get: operations["getSignals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/services/{service}/orphans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the last orphan cleanup found: references to entities their owning service no longer has, and what was repaired */
        get: operations["getOrphans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every flag with its variants, default and rollout (admin) */
        get: operations["listFlags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flags/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One flag (admin) */
        get: operations["getFlag"];
        /** Set a flag's default variant and, for a boolean flag, a percentage rollout of its other variant (admin) */
        put: operations["setFlag"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details; some problems add members (`reason`, `upstream`…) */
        Problem: {
            /**
             * Format: uri
             * @description https://bazaar.dev/problems/<code>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            /** @description what is wrong, for people; validation problems name every field */
            detail: string;
            /** @description what is wrong, for programs */
            code: "invalid_data" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "precondition_required" | "unprocessable" | "too_many_requests" | "internal" | "bad_gateway" | "unavailable" | "timeout";
            /** @description the path of the request, escaped and bounded; never its query */
            instance?: string;
            /** @description the x-correlation-id of the request, to quote when reporting */
            correlationId?: string;
            /** @description one entry per field refused */
            errors?: {
                /** @description where: `body.address.line1`, `querystring.limit`, `params.id` */
                field: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        /** CategoryNode */
        "def-0": {
            /** Format: uuid */
            id: string;
            /** @description lower-case words joined by hyphens */
            slug: string;
            name: string;
            parentId: string | null;
            /** @description a catalog holds at most 1000 categories */
            children: components["schemas"]["def-0"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listCanaries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description the service (upstream) the canary is a second version of */
                            service: string;
                            /** @description where the canary answers */
                            url: string;
                            /** @description the share of the service's requests sent to the canary, 0 to 1 */
                            share: number;
                            /** @description active: it has a share; off: its share is zero (set so); rolled-back: the gateway set its share to zero */
                            state: "active" | "off" | "rolled-back";
                            window: {
                                /**
                                 * Format: int64
                                 * @description how far back the outcomes reach
                                 */
                                ms: number;
                                /**
                                 * Format: int64
                                 * @description outcomes of requests the canary took, in the window
                                 */
                                total: number;
                                /**
                                 * Format: int64
                                 * @description of which 5xx or no answer
                                 */
                                errors: number;
                                /** @description errors over total; null with no outcome */
                                errorRatio: number | null;
                            };
                            /** @description the error ratio above which the gateway sets the share to zero */
                            threshold: number;
                            /**
                             * Format: int64
                             * @description outcomes needed in the window before the ratio is judged
                             */
                            minSample: number;
                            lastRollback: {
                                /** Format: date-time */
                                at: string;
                                reason: string;
                                /** @description the share of the service's requests sent to the canary, 0 to 1 */
                                share: number;
                                /**
                                 * Format: int64
                                 * @description errors in the window then
                                 */
                                errors: number;
                                /**
                                 * Format: int64
                                 * @description outcomes in the window then
                                 */
                                total: number;
                            } | null;
                            /**
                             * Format: int64
                             * @description how many times the gateway rolled it back since it started
                             */
                            rollbacks: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCanaryShare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service (upstream) the canary is a second version of */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the share of the service's requests sent to the canary, 0 to 1 */
                    share: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the service (upstream) the canary is a second version of */
                        service: string;
                        /** @description where the canary answers */
                        url: string;
                        /** @description the share of the service's requests sent to the canary, 0 to 1 */
                        share: number;
                        /** @description active: it has a share; off: its share is zero (set so); rolled-back: the gateway set its share to zero */
                        state: "active" | "off" | "rolled-back";
                        window: {
                            /**
                             * Format: int64
                             * @description how far back the outcomes reach
                             */
                            ms: number;
                            /**
                             * Format: int64
                             * @description outcomes of requests the canary took, in the window
                             */
                            total: number;
                            /**
                             * Format: int64
                             * @description of which 5xx or no answer
                             */
                            errors: number;
                            /** @description errors over total; null with no outcome */
                            errorRatio: number | null;
                        };
                        /** @description the error ratio above which the gateway sets the share to zero */
                        threshold: number;
                        /**
                         * Format: int64
                         * @description outcomes needed in the window before the ratio is judged
                         */
                        minSample: number;
                        lastRollback: {
                            /** Format: date-time */
                            at: string;
                            reason: string;
                            /** @description the share of the service's requests sent to the canary, 0 to 1 */
                            share: number;
                            /**
                             * Format: int64
                             * @description errors in the window then
                             */
                            errors: number;
                            /**
                             * Format: int64
                             * @description outcomes in the window then
                             */
                            total: number;
                        } | null;
                        /**
                         * Format: int64
                         * @description how many times the gateway rolled it back since it started
                         */
                        rollbacks: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCanaryMismatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service (upstream) the canary is a second version of */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the service (upstream) the canary is a second version of */
                        service: string;
                        /** @description the GET routes compared */
                        routes: {
                            route: string;
                            /** @description JSON Pointers not compared (`*` any one member, `**` any number) */
                            ignore: string[];
                        }[];
                        counts: {
                            /**
                             * Format: int64
                             * @description the answers were the same
                             */
                            match: number;
                            /**
                             * Format: int64
                             * @description they differed
                             */
                            mismatch: number;
                            /**
                             * Format: int64
                             * @description the canary answered 5xx or not at all
                             */
                            "canary-error": number;
                            /**
                             * Format: int64
                             * @description not compared (too large, or too many in flight)
                             */
                            skipped: number;
                        };
                        /** @description the latest mismatches, newest first */
                        samples: {
                            /** Format: date-time */
                            at: string;
                            route: string;
                            /** @description the request's path and query */
                            url: string;
                            status: {
                                /** Format: int32 */
                                primary: number;
                                /** Format: int32 */
                                canary: number;
                            };
                            differences: {
                                /** @description a JSON Pointer into the body, or (status), or (body) for answers that are not JSON */
                                path: string;
                                /** @description this side's value (a JSON value; cut to a string when long); absent where this side has no such member */
                                primary?: unknown;
                                /** @description this side's value (a JSON value; cut to a string when long); absent where this side has no such member */
                                canary?: unknown;
                            }[];
                            /** @description whether there were more differences than listed */
                            more: boolean;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyOverview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description identity's GET /users/me, as it answered */
                        profile: {
                            [key: string]: unknown;
                        };
                        orders: {
                            /** @description the caller's latest orders, as orders lists them (GET /orders); empty when degraded */
                            items: {
                                [key: string]: unknown;
                            }[];
                            status: "ok" | "degraded";
                            /**
                             * @description why the orders are missing
                             * @enum {unknown}
                             */
                            reason?: "timeout" | "unreachable" | "circuit-open" | "upstream-error" | "invalid-response" | "not-configured";
                            /**
                             * Format: int32
                             * @description orders' status, with upstream-error
                             */
                            upstreamStatus?: number;
                        };
                        /** @description the parts served without their data; empty when the answer is complete */
                        degraded: "orders"[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description identity has no account for the token's user (deleted since it was issued) */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    trackMyOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        orderId: string;
                        order: {
                            status: "ok" | "degraded";
                            /** @description orders' GET /orders/:id, as it answered */
                            data: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * @description why the part is missing
                             * @enum {unknown}
                             */
                            reason?: "timeout" | "unreachable" | "circuit-open" | "upstream-error" | "invalid-response" | "not-configured";
                            /** Format: int32 */
                            upstreamStatus?: number;
                        };
                        shipment: {
                            status: "ok" | "degraded";
                            /** @description shipping's shipment of the order (GET /shipments?orderId=); null before it exists */
                            data: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * @description why the part is missing
                             * @enum {unknown}
                             */
                            reason?: "timeout" | "unreachable" | "circuit-open" | "upstream-error" | "invalid-response" | "not-configured";
                            /** Format: int32 */
                            upstreamStatus?: number;
                        };
                        courier: {
                            status: "ok" | "degraded";
                            /** @description shipping's GET /shipments/:tracking/courier: who has the parcel and where they are; null when no courier has it */
                            data: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * @description why the part is missing
                             * @enum {unknown}
                             */
                            reason?: "timeout" | "unreachable" | "circuit-open" | "upstream-error" | "invalid-response" | "not-configured";
                            /** Format: int32 */
                            upstreamStatus?: number;
                        };
                        /** @description the parts served without their data; empty when the answer is complete */
                        degraded: ("order" | "shipment" | "courier")[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description neither orders nor shipping answered */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Give name, or firstName (and lastName). */
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @description Password policy: 8 to 128 characters of any kind, not one of the ~50,000 most common passwords (case ignored), and not the email address itself. */
                    password: string;
                    /** @description full name; split on the first space into firstName and lastName */
                    name?: string;
                    firstName?: string;
                    lastName?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A user as clients see one. Never carries a password or its hash. */
                        user: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            /** @description firstName and lastName joined by a space */
                            name: string;
                            firstName: string;
                            lastName: string;
                            /** @description every user is a customer; some are also admin or courier (each role once) */
                            roles: ("customer" | "admin" | "courier")[];
                            /** @description whether the user opened the verification link sent to the current email address */
                            emailVerified: boolean;
                            phone: string | null;
                            /** @description The channels the shop may use for messages about my account and orders */
                            notificationPreferences: {
                                email: boolean;
                                /** @description needs a phone number to be of use */
                                sms: boolean;
                                push: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        /** @description ES256 JWT access token; send as Authorization: Bearer <token> */
                        token: string;
                        /** @description single-use; exchange at POST /auth/refresh for new tokens */
                        refreshToken: string;
                        /**
                         * Format: int32
                         * @description seconds until token expires
                         */
                        expiresIn: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the email address has an account */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many attempts from this client or for this email; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A user as clients see one. Never carries a password or its hash. */
                        user: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            /** @description firstName and lastName joined by a space */
                            name: string;
                            firstName: string;
                            lastName: string;
                            /** @description every user is a customer; some are also admin or courier (each role once) */
                            roles: ("customer" | "admin" | "courier")[];
                            /** @description whether the user opened the verification link sent to the current email address */
                            emailVerified: boolean;
                            phone: string | null;
                            /** @description The channels the shop may use for messages about my account and orders */
                            notificationPreferences: {
                                email: boolean;
                                /** @description needs a phone number to be of use */
                                sms: boolean;
                                push: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        /** @description ES256 JWT access token; send as Authorization: Bearer <token> */
                        token: string;
                        /** @description single-use; exchange at POST /auth/refresh for new tokens */
                        refreshToken: string;
                        /**
                         * Format: int32
                         * @description seconds until token expires
                         */
                        expiresIn: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the email address or password is wrong */
            401: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many attempts from this client or for this email; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        userId: string;
                        /** Format: email */
                        email: string;
                        roles: string[];
                        /** Format: uuid */
                        sessionId: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the session has ended */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ES256 JWT access token; send as Authorization: Bearer <token> */
                        token: string;
                        /** @description single-use; exchange at POST /auth/refresh for new tokens */
                        refreshToken: string;
                        /**
                         * Format: int32
                         * @description seconds until token expires
                         */
                        expiresIn: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the refresh token is not valid, or was already used (which ends its session) */
            401: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A user as clients see one. Never carries a password or its hash. */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: email */
                        email: string;
                        /** @description firstName and lastName joined by a space */
                        name: string;
                        firstName: string;
                        lastName: string;
                        /** @description every user is a customer; some are also admin or courier (each role once) */
                        roles: ("customer" | "admin" | "courier")[];
                        /** @description whether the user opened the verification link sent to the current email address */
                        emailVerified: boolean;
                        phone: string | null;
                        /** @description The channels the shop may use for messages about my account and orders */
                        notificationPreferences: {
                            email: boolean;
                            /** @description needs a phone number to be of use */
                            sms: boolean;
                            push: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the account has been deleted */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the account's password, to confirm */
                    password: string;
                };
            };
        };
        responses: {
            /** @description the account is deleted and every session ended; the other services erase their copies */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the password is wrong */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the account has been deleted */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many wrong passwords for this account or from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMyProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description firstName and lastName, when given, win over name. A new email address is unverified until the link mailed to it is opened. */
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email?: string;
                    /** @description full name; split on the first space into firstName and lastName */
                    name?: string;
                    firstName?: string;
                    lastName?: string;
                    /** @description E.164, for SMS; null removes it */
                    phone?: string | null;
                };
            };
        };
        responses: {
            /** @description A user as clients see one. Never carries a password or its hash. */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: email */
                        email: string;
                        /** @description firstName and lastName joined by a space */
                        name: string;
                        firstName: string;
                        lastName: string;
                        /** @description every user is a customer; some are also admin or courier (each role once) */
                        roles: ("customer" | "admin" | "courier")[];
                        /** @description whether the user opened the verification link sent to the current email address */
                        emailVerified: boolean;
                        phone: string | null;
                        /** @description The channels the shop may use for messages about my account and orders */
                        notificationPreferences: {
                            email: boolean;
                            /** @description needs a phone number to be of use */
                            sms: boolean;
                            push: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the account has been deleted */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the new email address has an account */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many email changes from this client or to this email; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channels the shop may use for messages about my account and orders */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: boolean;
                        /** @description needs a phone number to be of use */
                        sms: boolean;
                        push: boolean;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the account has been deleted */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMyNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The channels the shop may use for messages about my account and orders */
        requestBody: {
            content: {
                "application/json": {
                    email: boolean;
                    /** @description needs a phone number to be of use */
                    sms: boolean;
                    push: boolean;
                };
            };
        };
        responses: {
            /** @description The channels the shop may use for messages about my account and orders */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: boolean;
                        /** @description needs a phone number to be of use */
                        sms: boolean;
                        push: boolean;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the account has been deleted */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token parameter of the mailed link, as it is */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {boolean} */
                        emailVerified: true;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the link is on its way to this address */
            202: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the account has been deleted */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the email address is already verified */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many links asked for from this client or for this email; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description The same answer whether or not the email has an account. */
            202: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many links asked for from this client or for this email; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token parameter of the mailed link, as it is */
                    token: string;
                    /** @description Password policy: 8 to 128 characters of any kind, not one of the ~50,000 most common passwords (case ignored), and not the email address itself. */
                    password: string;
                };
            };
        };
        responses: {
            /** @description the password is changed and every session has ended */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyAddresses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            addressLine1: string;
                            addressLine2: string | null;
                            city: string;
                            state: string | null;
                            postalCode: string;
                            /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                            country: string;
                            isDefault: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user's first address becomes the default. */
        requestBody: {
            content: {
                "application/json": {
                    addressLine1: string;
                    addressLine2?: string | null;
                    city: string;
                    state?: string | null;
                    postalCode: string;
                    /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                    country: string;
                    /** @description true makes this the default address (the previous default stops being one) */
                    isDefault?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        addressLine1: string;
                        addressLine2: string | null;
                        city: string;
                        state: string | null;
                        postalCode: string;
                        /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                        country: string;
                        isDefault: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        addressLine1: string;
                        addressLine2: string | null;
                        city: string;
                        state: string | null;
                        postalCode: string;
                        /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                        country: string;
                        isDefault: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the address is deleted */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    addressLine1?: string;
                    addressLine2?: string | null;
                    city?: string;
                    state?: string | null;
                    postalCode?: string;
                    /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                    country?: string;
                    /** @description true makes this the default address (the previous default stops being one) */
                    isDefault?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        addressLine1: string;
                        addressLine2: string | null;
                        city: string;
                        state: string | null;
                        postalCode: string;
                        /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                        country: string;
                        isDefault: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preferences: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMyPreference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description lower-case letters, digits, dots, dashes and underscores, e.g. notifications.email */
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description lower-case letters, digits, dots, dashes and underscores, e.g. notifications.email */
                        key: string;
                        value: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyPreference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description lower-case letters, digits, dots, dashes and underscores, e.g. notifications.email */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the preference is removed */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setUserRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description customer, or courier (may also use the courier API: shifts, live position, deliveries); admins are named by IDENTITY_ADMIN_EMAILS only */
                    role: "customer" | "courier";
                };
            };
        };
        responses: {
            /** @description A user as clients see one. Never carries a password or its hash. */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: email */
                        email: string;
                        /** @description firstName and lastName joined by a space */
                        name: string;
                        firstName: string;
                        lastName: string;
                        /** @description every user is a customer; some are also admin or courier (each role once) */
                        roles: ("customer" | "admin" | "courier")[];
                        /** @description whether the user opened the verification link sent to the current email address */
                        emailVerified: boolean;
                        phone: string | null;
                        /** @description The channels the shop may use for messages about my account and orders */
                        notificationPreferences: {
                            email: boolean;
                            /** @description needs a phone number to be of use */
                            sms: boolean;
                            push: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the user is an admin: admins are named by configuration, not through the API */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the account is deleted and every session ended; the other services erase their copies */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the user is an admin: admins are named by configuration, not deleted through the API */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUserErasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A deleted user's erasure: which services have confirmed (user.erased) and which not yet */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        userId: string;
                        /** Format: date-time */
                        deletedAt: string;
                        services: {
                            service: string;
                            /** @description null: the service has not confirmed yet */
                            erasedAt: string | null;
                            summary: string | null;
                        }[];
                        /** @description the services that have not confirmed yet */
                        pending: string[];
                        /** @description every service has confirmed */
                        complete: boolean;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description a catalog holds at most 1000 categories */
                        items: components["schemas"]["def-0"][];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCategory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description lower-case words joined by hyphens */
                    slug: string;
                    name: string;
                    parentId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description lower-case words joined by hyphens */
                        slug: string;
                        name: string;
                        parentId: string | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the slug is taken, or the catalog already holds 1000 categories, the most it may */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description lower-case words joined by hyphens */
                        slug: string;
                        name: string;
                        parentId: string | null;
                        /** @description a catalog holds at most 1000 categories */
                        ancestors: {
                            /** Format: uuid */
                            id: string;
                            /** @description lower-case words joined by hyphens */
                            slug: string;
                            name: string;
                            parentId: string | null;
                        }[];
                        /** @description a catalog holds at most 1000 categories */
                        children: components["schemas"]["def-0"][];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    priceProducts: {
        parameters: {
            query: {
                /** @description 1 to 100 product ids, comma-separated */
                ids: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the products the ids name (active or discontinued), in id order; an id left out names none */
                        items: {
                            /** Format: uuid */
                            id: string;
                            sku: string;
                            name: string;
                            /**
                             * Format: int64
                             * @description the price now, in minor units of `currency`
                             */
                            priceMinor: number;
                            currency: string;
                            /** @description a discontinued product cannot be bought */
                            status: "active" | "discontinued";
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookupProducts: {
        parameters: {
            query: {
                /** @description 1 to 100 product ids, comma-separated */
                ids: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the ids asked for that name a product, active or discontinued (lower case); an id left out names none */
                        found: string[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProducts: {
        parameters: {
            query: {
                /** @description page size, 1 to 100 */
                limit: number;
                /** @description the nextCursor of the previous page of the same listing (same sort); any other value is a 400 naming cursor */
                cursor?: string;
                /** @description slug or id; includes its descendants. One that names no category is a 400 naming category */
                category?: string;
                /** @description lowest price in minor units; above maxPrice, nothing matches */
                minPrice?: number;
                /** @description highest price in minor units */
                maxPrice?: number;
                inStock?: boolean;
                /** @description words to search for in names and descriptions */
                q?: string;
                /** @description default: relevance when q is given, else newest. Relevance without q orders as newest */
                sort?: "newest" | "price_asc" | "price_desc" | "rating" | "relevance";
            };
            header?: {
                /** @description the x-catalog-lsn of the reader's last write (a PostgreSQL LSN, 16/B374D848): the answer then includes that write */
                "x-catalog-lsn"?: string;
                /** @description no-cache: the answer comes from the primary database, never from a read replica that may be a moment behind (a price read at checkout) */
                "cache-control"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                            sku: string;
                            name: string;
                            /**
                             * Format: int64
                             * @description price in minor units (cents)
                             */
                            priceMinor: number;
                            /** @description ISO 4217 code in capitals, e.g. EUR */
                            currency: string;
                            /** Format: uuid */
                            categoryId: string;
                            /** @description mean rating to two decimals; null while there are no reviews */
                            ratingAverage: number | null;
                            /** Format: int32 */
                            reviewCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description inventory's last figure; null until one arrives */
                            available: number | null;
                            inStock: boolean | null;
                            imageUrl: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                    sku: string;
                    name: string;
                    description?: string;
                    /**
                     * Format: int64
                     * @description price in minor units (cents)
                     */
                    priceMinor: number;
                    /**
                     * @description an ISO 4217 code in capitals, e.g. EUR
                     * @enum {unknown}
                     */
                    currency: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHF" | "CLP" | "CNY" | "COP" | "CRC" | "CUC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HRK" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SLL" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "UYU" | "UZS" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XCD" | "XCG" | "XDR" | "XOF" | "XPF" | "XSU" | "YER" | "ZAR" | "ZMW" | "ZWG" | "ZWL";
                    /** Format: uuid */
                    categoryId: string;
                    /** @description in display order */
                    images?: {
                        url: string;
                        alt?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                        sku: string;
                        name: string;
                        /**
                         * Format: int64
                         * @description price in minor units (cents)
                         */
                        priceMinor: number;
                        /** @description ISO 4217 code in capitals, e.g. EUR */
                        currency: string;
                        /** Format: uuid */
                        categoryId: string;
                        /** @description mean rating to two decimals; null while there are no reviews */
                        ratingAverage: number | null;
                        /** Format: int32 */
                        reviewCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description inventory's last figure; null until one arrives */
                        available: number | null;
                        inStock: boolean | null;
                        description: string;
                        /** @enum {unknown} */
                        status: "active" | "discontinued";
                        /** Format: int32 */
                        version: number;
                        /** Format: date-time */
                        updatedAt: string;
                        discontinuedAt: string | null;
                        images: {
                            url: string;
                            alt: string;
                            /** Format: int32 */
                            displayOrder: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the SKU is taken by another product */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description the x-catalog-lsn of the reader's last write (a PostgreSQL LSN, 16/B374D848): the answer then includes that write */
                "x-catalog-lsn"?: string;
                /** @description no-cache: the answer comes from the primary database, never from a read replica that may be a moment behind (a price read at checkout) */
                "cache-control"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                        sku: string;
                        name: string;
                        /**
                         * Format: int64
                         * @description price in minor units (cents)
                         */
                        priceMinor: number;
                        /** @description ISO 4217 code in capitals, e.g. EUR */
                        currency: string;
                        /** Format: uuid */
                        categoryId: string;
                        /** @description mean rating to two decimals; null while there are no reviews */
                        ratingAverage: number | null;
                        /** Format: int32 */
                        reviewCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description inventory's last figure; null until one arrives */
                        available: number | null;
                        inStock: boolean | null;
                        description: string;
                        /** @enum {unknown} */
                        status: "active" | "discontinued";
                        /** Format: int32 */
                        version: number;
                        /** Format: date-time */
                        updatedAt: string;
                        discontinuedAt: string | null;
                        images: {
                            url: string;
                            alt: string;
                            /** Format: int32 */
                            displayOrder: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    discontinueProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                        sku: string;
                        name: string;
                        /**
                         * Format: int64
                         * @description price in minor units (cents)
                         */
                        priceMinor: number;
                        /** @description ISO 4217 code in capitals, e.g. EUR */
                        currency: string;
                        /** Format: uuid */
                        categoryId: string;
                        /** @description mean rating to two decimals; null while there are no reviews */
                        ratingAverage: number | null;
                        /** Format: int32 */
                        reviewCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description inventory's last figure; null until one arrives */
                        available: number | null;
                        inStock: boolean | null;
                        description: string;
                        /** @enum {unknown} */
                        status: "active" | "discontinued";
                        /** Format: int32 */
                        version: number;
                        /** Format: date-time */
                        updatedAt: string;
                        discontinuedAt: string | null;
                        images: {
                            url: string;
                            alt: string;
                            /** Format: int32 */
                            displayOrder: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string;
                    /**
                     * Format: int64
                     * @description price in minor units (cents)
                     */
                    priceMinor?: number;
                    /**
                     * @description an ISO 4217 code in capitals, e.g. EUR
                     * @enum {unknown}
                     */
                    currency?: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHF" | "CLP" | "CNY" | "COP" | "CRC" | "CUC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HRK" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SLL" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "UYU" | "UZS" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XCD" | "XCG" | "XDR" | "XOF" | "XPF" | "XSU" | "YER" | "ZAR" | "ZMW" | "ZWG" | "ZWL";
                    /** Format: uuid */
                    categoryId?: string;
                    /** @description in display order */
                    images?: {
                        url: string;
                        alt?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                        sku: string;
                        name: string;
                        /**
                         * Format: int64
                         * @description price in minor units (cents)
                         */
                        priceMinor: number;
                        /** @description ISO 4217 code in capitals, e.g. EUR */
                        currency: string;
                        /** Format: uuid */
                        categoryId: string;
                        /** @description mean rating to two decimals; null while there are no reviews */
                        ratingAverage: number | null;
                        /** Format: int32 */
                        reviewCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description inventory's last figure; null until one arrives */
                        available: number | null;
                        inStock: boolean | null;
                        description: string;
                        /** @enum {unknown} */
                        status: "active" | "discontinued";
                        /** Format: int32 */
                        version: number;
                        /** Format: date-time */
                        updatedAt: string;
                        discontinuedAt: string | null;
                        images: {
                            url: string;
                            alt: string;
                            /** Format: int32 */
                            displayOrder: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the product is discontinued and can no longer be changed */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProductReviews: {
        parameters: {
            query: {
                /** @description page size, 1 to 100 */
                limit: number;
                /** @description the nextCursor of the previous page of the same product's reviews; any other value is a 400 naming cursor */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            productId: string;
                            reviewer: {
                                /** @description first name and last initial ("Ana P."), or "Bazaar customer" */
                                displayName: string;
                            };
                            /** Format: int32 */
                            rating: number;
                            comment: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the author has a confirmed, not cancelled, order of this product */
                            verifiedPurchase: boolean;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProductReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: int32 */
                    rating: number;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        productId: string;
                        reviewer: {
                            /** @description first name and last initial ("Ana P."), or "Bazaar customer" */
                            displayName: string;
                        };
                        /** Format: int32 */
                        rating: number;
                        comment: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description the author has a confirmed, not cancelled, order of this product */
                        verifiedPurchase: boolean;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token's subject is not an identity user id, so it cannot author a review */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description this user has already reviewed the product, or the product is discontinued */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStockItems: {
        parameters: {
            query: {
                /** @description only items at or below their low-stock threshold */
                lowStock: boolean;
                /** @description the `next` of the previous page */
                after?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                            sku: string;
                            productId: string | null;
                            /** Format: int32 */
                            onHand: number;
                            /** Format: int32 */
                            reserved: number;
                            /** Format: int32 */
                            available: number;
                            /** Format: int64 */
                            version: number;
                            /** Format: int32 */
                            lowStockThreshold: number;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description catalog's current name for the product, a copy that follows product.updated; null until catalog's first event about it */
                            productName: string | null;
                            /** @description when the orphan cleanup archived the item because catalog no longer has its product */
                            archivedAt: string | null;
                            archivedReason: string | null;
                        }[];
                        /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                        next?: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStockItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        item: {
                            /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                            sku: string;
                            productId: string | null;
                            /** Format: int32 */
                            onHand: number;
                            /** Format: int32 */
                            reserved: number;
                            /** Format: int32 */
                            available: number;
                            /** Format: int64 */
                            version: number;
                            /** Format: int32 */
                            lowStockThreshold: number;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description catalog's current name for the product, a copy that follows product.updated; null until catalog's first event about it */
                            productName: string | null;
                            /** @description when the orphan cleanup archived the item because catalog no longer has its product */
                            archivedAt: string | null;
                            archivedReason: string | null;
                        };
                        movements: {
                            /** Format: int64 */
                            id: number;
                            kind: "received" | "reserved" | "released" | "committed" | "adjusted";
                            /**
                             * Format: int32
                             * @description signed: its effect on the balances its kind touches
                             */
                            quantity: number;
                            reservationId: string | null;
                            reason: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: int32 */
                    quantity: number;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        item: {
                            /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                            sku: string;
                            productId: string | null;
                            /** Format: int32 */
                            onHand: number;
                            /** Format: int32 */
                            reserved: number;
                            /** Format: int32 */
                            available: number;
                            /** Format: int64 */
                            version: number;
                            /** Format: int32 */
                            lowStockThreshold: number;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description catalog's current name for the product, a copy that follows product.updated; null until catalog's first event about it */
                            productName: string | null;
                            /** @description when the orphan cleanup archived the item because catalog no longer has its product */
                            archivedAt: string | null;
                            archivedReason: string | null;
                        };
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adjustStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: int32
                     * @description a non-zero change to on-hand
                     */
                    delta: number;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        item: {
                            /** @description capitals, digits and hyphens, e.g. BZR-0001 */
                            sku: string;
                            productId: string | null;
                            /** Format: int32 */
                            onHand: number;
                            /** Format: int32 */
                            reserved: number;
                            /** Format: int32 */
                            available: number;
                            /** Format: int64 */
                            version: number;
                            /** Format: int32 */
                            lowStockThreshold: number;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description catalog's current name for the product, a copy that follows product.updated; null until catalog's first event about it */
                            productName: string | null;
                            /** @description when the orphan cleanup archived the item because catalog no longer has its product */
                            archivedAt: string | null;
                            archivedReason: string | null;
                        };
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description on hand would go below what is reserved */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query: {
                /** @description page size, 1 to 100 */
                limit: number;
                /** @description the nextCursor of the previous page; any other value is a 400 naming cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @description BZ-YYMMDD-XXXXX */
                            number: string;
                            /**
                             * @description pending during checkout; confirmed, then shipped once a courier has the parcel and delivered once the recipient does; cancelling, then cancelled (also a parcel returned undelivered: refunded, the reason says so); rejected when the payment was declined or the fraud screening refused the order
                             * @enum {unknown}
                             */
                            status: "pending" | "confirmed" | "shipped" | "delivered" | "cancelling" | "cancelled" | "rejected";
                            statusReason: string | null;
                            /** @description ISO 4217 code */
                            currency: string;
                            /** Format: int64 */
                            totalMinor: number;
                            /**
                             * Format: int32
                             * @description units in the order
                             */
                            itemCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description required (without it: 428): 1 to 200 visible ASCII characters, unique per order; the same key returns the same order */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description one line per product, 1 to 50 lines: a product on a second line is a 400 naming that line */
                    items: {
                        /** Format: uuid */
                        productId: string;
                        /** Format: int32 */
                        quantity: number;
                    }[];
                    shippingAddress: {
                        name: string;
                        line1: string;
                        line2?: string;
                        city: string;
                        state?: string;
                        postalCode: string;
                        /** @description ISO 3166-1 alpha-2 code, e.g. DE */
                        country: string;
                    };
                    /**
                     * Format: uuid
                     * @description a saved card, from POST /payments/methods
                     */
                    paymentMethodId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description BZ-YYMMDD-XXXXX */
                        number: string;
                        /**
                         * @description pending during checkout; confirmed, then shipped once a courier has the parcel and delivered once the recipient does; cancelling, then cancelled (also a parcel returned undelivered: refunded, the reason says so); rejected when the payment was declined or the fraud screening refused the order
                         * @enum {unknown}
                         */
                        status: "pending" | "confirmed" | "shipped" | "delivered" | "cancelling" | "cancelled" | "rejected";
                        statusReason: string | null;
                        /** @description ISO 4217 code */
                        currency: string;
                        /** Format: int64 */
                        totalMinor: number;
                        /**
                         * Format: int32
                         * @description units in the order
                         */
                        itemCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: int64 */
                        subtotalMinor: number;
                        items: {
                            /** Format: uuid */
                            productId: string;
                            sku: string;
                            name: string;
                            /** Format: int64 */
                            unitPriceMinor: number;
                            /** Format: int32 */
                            quantity: number;
                            /** Format: int64 */
                            lineTotalMinor: number;
                        }[];
                        shippingAddress: {
                            name: string;
                            line1: string;
                            line2: string | null;
                            city: string;
                            state: string | null;
                            postalCode: string;
                            country: string;
                        };
                        payment: {
                            /** @description payments' status of the order's payment, as last heard (pending until then): authorized, declined, captured, voided, refunded, partially_refunded */
                            status: string;
                            paymentId: string | null;
                            /** Format: int64 */
                            amountMinor: number;
                            /** @description ISO 4217 code */
                            currency: string;
                            /** Format: int64 */
                            capturedMinor: number;
                            /** Format: int64 */
                            refundedMinor: number;
                            card: {
                                brand: string | null;
                                last4: string;
                            } | null;
                            reason: string | null;
                            transactionId: string | null;
                            paidAt: string | null;
                        };
                        shipping: {
                            /** @description shipping's status of the order's shipment, as last heard (pending until then): created, dispatched, picked_up, delivered, returned, cancelled, failed */
                            status: string;
                            shipmentId: string | null;
                            trackingNumber: string | null;
                            carrier: string | null;
                            reason: string | null;
                            courier: {
                                name: string;
                            } | null;
                            /**
                             * Format: int32
                             * @description delivery attempts that failed so far
                             */
                            failedAttempts: number;
                            deliveredAt: string | null;
                        };
                        checkout: {
                            /**
                             * @description the checkout saga
                             * @enum {unknown}
                             */
                            state: "screening" | "authorizing" | "reserving" | "shipping" | "capturing" | "confirmed" | "compensating" | "cancelled" | "rejected";
                            step: ("screen-fraud" | "authorize-payment" | "reserve-stock" | "create-shipment" | "capture-payment" | "cancel-shipment" | "release-stock" | "void-payment" | "refund-payment") | null;
                            deadlineAt: string | null;
                            /** Format: int32 */
                            attempt: number;
                        };
                        /** @description the checkout's steps by seq: the latest 500 */
                        timeline: {
                            /** Format: int32 */
                            seq: number;
                            /** @description screen-fraud (when the checkout is screened), authorize-payment, reserve-stock, create-shipment, capture-payment, their compensations, or the order itself; for the delivery: dispatch, hand-back, pick-up, delivery-attempt, deliver, return */
                            step: string;
                            /**
                             * @description what checkout did, what it undid, or news of the parcel from shipping
                             * @enum {unknown}
                             */
                            kind: "action" | "compensation" | "delivery";
                            /** @enum {unknown} */
                            status: "started" | "succeeded" | "failed" | "timed_out" | "retried" | "late";
                            detail: string | null;
                            /** Format: date-time */
                            at: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description a product catalog does not know or has discontinued, products in two currencies, or an Idempotency-Key already used for another request */
            422: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no Idempotency-Key header */
            428: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description BZ-YYMMDD-XXXXX */
                        number: string;
                        /**
                         * @description pending during checkout; confirmed, then shipped once a courier has the parcel and delivered once the recipient does; cancelling, then cancelled (also a parcel returned undelivered: refunded, the reason says so); rejected when the payment was declined or the fraud screening refused the order
                         * @enum {unknown}
                         */
                        status: "pending" | "confirmed" | "shipped" | "delivered" | "cancelling" | "cancelled" | "rejected";
                        statusReason: string | null;
                        /** @description ISO 4217 code */
                        currency: string;
                        /** Format: int64 */
                        totalMinor: number;
                        /**
                         * Format: int32
                         * @description units in the order
                         */
                        itemCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: int64 */
                        subtotalMinor: number;
                        items: {
                            /** Format: uuid */
                            productId: string;
                            sku: string;
                            name: string;
                            /** Format: int64 */
                            unitPriceMinor: number;
                            /** Format: int32 */
                            quantity: number;
                            /** Format: int64 */
                            lineTotalMinor: number;
                        }[];
                        shippingAddress: {
                            name: string;
                            line1: string;
                            line2: string | null;
                            city: string;
                            state: string | null;
                            postalCode: string;
                            country: string;
                        };
                        payment: {
                            /** @description payments' status of the order's payment, as last heard (pending until then): authorized, declined, captured, voided, refunded, partially_refunded */
                            status: string;
                            paymentId: string | null;
                            /** Format: int64 */
                            amountMinor: number;
                            /** @description ISO 4217 code */
                            currency: string;
                            /** Format: int64 */
                            capturedMinor: number;
                            /** Format: int64 */
                            refundedMinor: number;
                            card: {
                                brand: string | null;
                                last4: string;
                            } | null;
                            reason: string | null;
                            transactionId: string | null;
                            paidAt: string | null;
                        };
                        shipping: {
                            /** @description shipping's status of the order's shipment, as last heard (pending until then): created, dispatched, picked_up, delivered, returned, cancelled, failed */
                            status: string;
                            shipmentId: string | null;
                            trackingNumber: string | null;
                            carrier: string | null;
                            reason: string | null;
                            courier: {
                                name: string;
                            } | null;
                            /**
                             * Format: int32
                             * @description delivery attempts that failed so far
                             */
                            failedAttempts: number;
                            deliveredAt: string | null;
                        };
                        checkout: {
                            /**
                             * @description the checkout saga
                             * @enum {unknown}
                             */
                            state: "screening" | "authorizing" | "reserving" | "shipping" | "capturing" | "confirmed" | "compensating" | "cancelled" | "rejected";
                            step: ("screen-fraud" | "authorize-payment" | "reserve-stock" | "create-shipment" | "capture-payment" | "cancel-shipment" | "release-stock" | "void-payment" | "refund-payment") | null;
                            deadlineAt: string | null;
                            /** Format: int32 */
                            attempt: number;
                        };
                        /** @description the checkout's steps by seq: the latest 500 */
                        timeline: {
                            /** Format: int32 */
                            seq: number;
                            /** @description screen-fraud (when the checkout is screened), authorize-payment, reserve-stock, create-shipment, capture-payment, their compensations, or the order itself; for the delivery: dispatch, hand-back, pick-up, delivery-attempt, deliver, return */
                            step: string;
                            /**
                             * @description what checkout did, what it undid, or news of the parcel from shipping
                             * @enum {unknown}
                             */
                            kind: "action" | "compensation" | "delivery";
                            /** @enum {unknown} */
                            status: "started" | "succeeded" | "failed" | "timed_out" | "retried" | "late";
                            detail: string | null;
                            /** Format: date-time */
                            at: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @description BZ-YYMMDD-XXXXX */
                        number: string;
                        /**
                         * @description pending during checkout; confirmed, then shipped once a courier has the parcel and delivered once the recipient does; cancelling, then cancelled (also a parcel returned undelivered: refunded, the reason says so); rejected when the payment was declined or the fraud screening refused the order
                         * @enum {unknown}
                         */
                        status: "pending" | "confirmed" | "shipped" | "delivered" | "cancelling" | "cancelled" | "rejected";
                        statusReason: string | null;
                        /** @description ISO 4217 code */
                        currency: string;
                        /** Format: int64 */
                        totalMinor: number;
                        /**
                         * Format: int32
                         * @description units in the order
                         */
                        itemCount: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: int64 */
                        subtotalMinor: number;
                        items: {
                            /** Format: uuid */
                            productId: string;
                            sku: string;
                            name: string;
                            /** Format: int64 */
                            unitPriceMinor: number;
                            /** Format: int32 */
                            quantity: number;
                            /** Format: int64 */
                            lineTotalMinor: number;
                        }[];
                        shippingAddress: {
                            name: string;
                            line1: string;
                            line2: string | null;
                            city: string;
                            state: string | null;
                            postalCode: string;
                            country: string;
                        };
                        payment: {
                            /** @description payments' status of the order's payment, as last heard (pending until then): authorized, declined, captured, voided, refunded, partially_refunded */
                            status: string;
                            paymentId: string | null;
                            /** Format: int64 */
                            amountMinor: number;
                            /** @description ISO 4217 code */
                            currency: string;
                            /** Format: int64 */
                            capturedMinor: number;
                            /** Format: int64 */
                            refundedMinor: number;
                            card: {
                                brand: string | null;
                                last4: string;
                            } | null;
                            reason: string | null;
                            transactionId: string | null;
                            paidAt: string | null;
                        };
                        shipping: {
                            /** @description shipping's status of the order's shipment, as last heard (pending until then): created, dispatched, picked_up, delivered, returned, cancelled, failed */
                            status: string;
                            shipmentId: string | null;
                            trackingNumber: string | null;
                            carrier: string | null;
                            reason: string | null;
                            courier: {
                                name: string;
                            } | null;
                            /**
                             * Format: int32
                             * @description delivery attempts that failed so far
                             */
                            failedAttempts: number;
                            deliveredAt: string | null;
                        };
                        checkout: {
                            /**
                             * @description the checkout saga
                             * @enum {unknown}
                             */
                            state: "screening" | "authorizing" | "reserving" | "shipping" | "capturing" | "confirmed" | "compensating" | "cancelled" | "rejected";
                            step: ("screen-fraud" | "authorize-payment" | "reserve-stock" | "create-shipment" | "capture-payment" | "cancel-shipment" | "release-stock" | "void-payment" | "refund-payment") | null;
                            deadlineAt: string | null;
                            /** Format: int32 */
                            attempt: number;
                        };
                        /** @description the checkout's steps by seq: the latest 500 */
                        timeline: {
                            /** Format: int32 */
                            seq: number;
                            /** @description screen-fraud (when the checkout is screened), authorize-payment, reserve-stock, create-shipment, capture-payment, their compensations, or the order itself; for the delivery: dispatch, hand-back, pick-up, delivery-attempt, deliver, return */
                            step: string;
                            /**
                             * @description what checkout did, what it undid, or news of the parcel from shipping
                             * @enum {unknown}
                             */
                            kind: "action" | "compensation" | "delivery";
                            /** @enum {unknown} */
                            status: "started" | "succeeded" | "failed" | "timed_out" | "retried" | "late";
                            detail: string | null;
                            /** Format: date-time */
                            at: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the order has been dispatched, or was rejected: there is nothing to cancel */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSagas: {
        parameters: {
            query: {
                /** @description open: waiting on a step; stuck: open and overdue; all: every saga */
                state: "open" | "stuck" | "all";
                /** @description page size, 1 to 100 */
                limit: number;
                /** @description the nextCursor of the previous page; any other value is a 400 naming after */
                after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            orderId: string;
                            /** @description the order's number, BZ-YYMMDD-XXXXX */
                            number: string;
                            /** @enum {unknown} */
                            state: "screening" | "authorizing" | "reserving" | "shipping" | "capturing" | "confirmed" | "compensating" | "cancelled" | "rejected";
                            step: ("screen-fraud" | "authorize-payment" | "reserve-stock" | "create-shipment" | "capture-payment" | "cancel-shipment" | "release-stock" | "void-payment" | "refund-payment") | null;
                            /** Format: int32 */
                            attempt: number;
                            deadlineAt: string | null;
                            /** Format: date-time */
                            startedAt: string;
                            finishedAt: string | null;
                            reason: string | null;
                            /** @description open and past its step's deadline, or its compensation sent again unanswered (as checkout_sagas_stuck counts) */
                            stuck: boolean;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSaga: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        orderId: string;
                        /** @description the order's number, BZ-YYMMDD-XXXXX */
                        number: string;
                        /** @enum {unknown} */
                        state: "screening" | "authorizing" | "reserving" | "shipping" | "capturing" | "confirmed" | "compensating" | "cancelled" | "rejected";
                        step: ("screen-fraud" | "authorize-payment" | "reserve-stock" | "create-shipment" | "capture-payment" | "cancel-shipment" | "release-stock" | "void-payment" | "refund-payment") | null;
                        /** Format: int32 */
                        attempt: number;
                        deadlineAt: string | null;
                        /** Format: date-time */
                        startedAt: string;
                        finishedAt: string | null;
                        reason: string | null;
                        /** @description open and past its step's deadline, or its compensation sent again unanswered (as checkout_sagas_stuck counts) */
                        stuck: boolean;
                        /** @description whether this checkout is screened for fraud before its authorization (the checkout-fraud-check flag, asked once when it started) */
                        fraudCheck: boolean;
                        /** @description what the saga knows of the payment: none, authorizing, authorized, declined, capturing, captured, voided, refunded, void_failed, refund_failed */
                        payment: string;
                        /** @description what it knows of the reservation: none, reserving, reserved, rejected, released, committed */
                        reservation: string;
                        /** @description what it knows of the shipment: none, creating, created, failed, cancelled, dispatched, returned */
                        shipment: string;
                        /** @description the step log by seq: the latest 500 entries */
                        steps: {
                            /** Format: int32 */
                            seq: number;
                            step: string;
                            /** @enum {unknown} */
                            kind: "action" | "compensation" | "delivery";
                            /** @enum {unknown} */
                            status: "started" | "succeeded" | "failed" | "timed_out" | "retried" | "late";
                            detail: string | null;
                            /** Format: date-time */
                            at: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPaymentMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            paymentMethodId: string;
                            /** @description visa, mastercard, amex, discover or unknown */
                            brand: string;
                            last4: string;
                            /** Format: int32 */
                            expMonth: number;
                            /**
                             * Format: int32
                             * @description the full year
                             */
                            expYear: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPaymentMethod: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    card: {
                        /** @description 12 to 19 digits; spaces and dashes are allowed */
                        number: string;
                        /**
                         * Format: int32
                         * @description 1 to 12
                         */
                        expMonth: number;
                        /**
                         * Format: int32
                         * @description the full year (2029) or its last two digits (29)
                         */
                        expYear: number;
                        /** @description the 3 or 4 digit security code */
                        cvc: string;
                    };
                };
            };
        };
        responses: {
            /** @description A saved card: never more of it than its brand, last four digits and expiry. */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        paymentMethodId: string;
                        /** @description visa, mastercard, amex, discover or unknown */
                        brand: string;
                        last4: string;
                        /** Format: int32 */
                        expMonth: number;
                        /**
                         * Format: int32
                         * @description the full year
                         */
                        expYear: number;
                    };
                };
            };
            /** @description A saved card: never more of it than its brand, last four digits and expiry. */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        paymentMethodId: string;
                        /** @description visa, mastercard, amex, discover or unknown */
                        brand: string;
                        last4: string;
                        /** Format: int32 */
                        expMonth: number;
                        /**
                         * Format: int32
                         * @description the full year
                         */
                        expYear: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deletePaymentMethod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                paymentMethodId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the card is removed */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an order is being paid with this card right now */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPayments: {
        parameters: {
            query: {
                /** @description an order's payment (admins: anyone's; others: their own) */
                orderId?: string;
                /** @description the `next` of the previous page; an id that is not in this listing is a 400 */
                after?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            orderId: string;
                            /** Format: int64 */
                            amountMinor: number;
                            /** @description ISO 4217 */
                            currency: string;
                            /** @enum {unknown} */
                            status: "pending" | "authorized" | "captured" | "voided" | "refunded" | "partially_refunded" | "declined" | "failed";
                            /** Format: int64 */
                            capturedMinor: number;
                            /** Format: int64 */
                            refundedMinor: number;
                            card: {
                                brand: string;
                                last4: string;
                            } | null;
                            paymentMethodId: string | null;
                            declineReason: string | null;
                            /** Format: int32 */
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        /** Format: uuid */
                        next?: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A payment as its owner sees it: never more of the card than its brand and last four digits. */
                        payment: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            orderId: string;
                            /** Format: int64 */
                            amountMinor: number;
                            /** @description ISO 4217 */
                            currency: string;
                            /** @enum {unknown} */
                            status: "pending" | "authorized" | "captured" | "voided" | "refunded" | "partially_refunded" | "declined" | "failed";
                            /** Format: int64 */
                            capturedMinor: number;
                            /** Format: int64 */
                            refundedMinor: number;
                            card: {
                                brand: string;
                                last4: string;
                            } | null;
                            paymentMethodId: string | null;
                            declineReason: string | null;
                            /** Format: int32 */
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        operations: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            kind: "authorize" | "capture" | "void" | "refund";
                            amountMinor: number | null;
                            /** @enum {unknown} */
                            outcome: "pending" | "succeeded" | "declined" | "failed";
                            reason: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getShipment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a tracking number such as BZ7K3M9QX2PA, in any case, spaces and hyphens ignored; anything else is not found (404) */
                tracking: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        shipment: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            orderId: string;
                            trackingNumber: string;
                            carrier: string;
                            /** @enum {unknown} */
                            status: "created" | "cancelled" | "dispatched" | "picked_up" | "delivered" | "failed" | "returned";
                            statusReason: string | null;
                            recipient: {
                                name: string;
                                line1: string;
                                line2: string | null;
                                city: string;
                                state: string | null;
                                postalCode: string;
                                country: string;
                            };
                            items: {
                                sku: string;
                                /** Format: int32 */
                                quantity: number;
                            }[];
                            /** Format: int32 */
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        deliveryAttempts: {
                            /** Format: date-time */
                            attemptedAt: string;
                            /** @enum {unknown} */
                            outcome: "delivered" | "failed";
                            note: string | null;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listShipments: {
        parameters: {
            query: {
                /** @description an order's shipment (admins: anyone's; others: their own) */
                orderId?: string;
                /** @description the `next` of the previous page; an id that is not in this listing is a 400 naming after */
                after?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            orderId: string;
                            trackingNumber: string;
                            carrier: string;
                            /** @enum {unknown} */
                            status: "created" | "cancelled" | "dispatched" | "picked_up" | "delivered" | "failed" | "returned";
                            statusReason: string | null;
                            recipient: {
                                name: string;
                                line1: string;
                                line2: string | null;
                                city: string;
                                state: string | null;
                                postalCode: string;
                                country: string;
                            };
                            items: {
                                sku: string;
                                /** Format: int32 */
                                quantity: number;
                            }[];
                            /** Format: int32 */
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        /**
                         * Format: uuid
                         * @description present when there is a next page: pass it as after
                         */
                        next?: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCouriers: {
        parameters: {
            query: {
                /** @description the `next` of the previous page; an id that is no courier is a 400 */
                after?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            userId: string;
                            name: string;
                            /**
                             * @description bicycle, cargo-bike, scooter, car, van
                             * @enum {unknown}
                             */
                            vehicle: "bicycle" | "cargo-bike" | "scooter" | "car" | "van";
                            /**
                             * Format: int32
                             * @description parcels carried at once
                             */
                            capacity: number;
                            onShift: boolean;
                            shiftChangedAt: string | null;
                            /** @description the last position sent, while it is fresh */
                            position: {
                                latitude: number;
                                longitude: number;
                                /** Format: date-time */
                                seenAt: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        /** Format: uuid */
                        next?: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerCourier: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description the identity user who signs in as this courier (they need the courier role)
                     */
                    userId: string;
                    /** @description shown to operators and customers */
                    name: string;
                    /**
                     * @description bicycle, cargo-bike, scooter, car, van
                     * @enum {unknown}
                     */
                    vehicle: "bicycle" | "cargo-bike" | "scooter" | "car" | "van";
                    /**
                     * Format: int32
                     * @description parcels carried at once
                     */
                    capacity: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        userId: string;
                        name: string;
                        /**
                         * @description bicycle, cargo-bike, scooter, car, van
                         * @enum {unknown}
                         */
                        vehicle: "bicycle" | "cargo-bike" | "scooter" | "car" | "van";
                        /**
                         * Format: int32
                         * @description parcels carried at once
                         */
                        capacity: number;
                        onShift: boolean;
                        shiftChangedAt: string | null;
                        /** @description the last position sent, while it is fresh */
                        position: {
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            seenAt: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the user is already a courier */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    findNearbyCouriers: {
        parameters: {
            query: {
                /** @description degrees north, from -85.05112878 to 85.05112878 (the range a Web Mercator map, and Redis GEO, can hold) */
                latitude: number;
                /** @description degrees east, from -180 to 180 */
                longitude: number;
                /** @description search radius in kilometres, up to 100 */
                radiusKm: number;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            courierId: string;
                            distanceKm: number;
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            seenAt: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyCourierProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        userId: string;
                        name: string;
                        /**
                         * @description bicycle, cargo-bike, scooter, car, van
                         * @enum {unknown}
                         */
                        vehicle: "bicycle" | "cargo-bike" | "scooter" | "car" | "van";
                        /**
                         * Format: int32
                         * @description parcels carried at once
                         */
                        capacity: number;
                        onShift: boolean;
                        shiftChangedAt: string | null;
                        /** @description the last position sent, while it is fresh */
                        position: {
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            seenAt: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no courier is registered for this user */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMyShift: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true to start taking work, false to stop */
                    onShift: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        userId: string;
                        name: string;
                        /**
                         * @description bicycle, cargo-bike, scooter, car, van
                         * @enum {unknown}
                         */
                        vehicle: "bicycle" | "cargo-bike" | "scooter" | "car" | "van";
                        /**
                         * Format: int32
                         * @description parcels carried at once
                         */
                        capacity: number;
                        onShift: boolean;
                        shiftChangedAt: string | null;
                        /** @description the last position sent, while it is fresh */
                        position: {
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            seenAt: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no courier is registered for this user */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMyLocation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description degrees north, from -85.05112878 to 85.05112878 (the range a Web Mercator map, and Redis GEO, can hold) */
                    latitude: number;
                    /** @description degrees east, from -180 to 180 */
                    longitude: number;
                };
            };
        };
        responses: {
            /** @description recorded */
            204: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no courier is registered for this user */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the courier is not on shift */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCourier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        userId: string;
                        name: string;
                        /**
                         * @description bicycle, cargo-bike, scooter, car, van
                         * @enum {unknown}
                         */
                        vehicle: "bicycle" | "cargo-bike" | "scooter" | "car" | "van";
                        /**
                         * Format: int32
                         * @description parcels carried at once
                         */
                        capacity: number;
                        onShift: boolean;
                        shiftChangedAt: string | null;
                        /** @description the last position sent, while it is fresh */
                        position: {
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            seenAt: string;
                        } | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            orderId: string;
                            trackingNumber: string;
                            /** @description dispatched (go and pick it up), picked_up, delivered or returned */
                            status: string;
                            /** Format: int32 */
                            failedAttempts: number;
                            recipient: {
                                name: string;
                                line1: string;
                                line2: string | null;
                                city: string;
                                postalCode: string;
                                country: string;
                            };
                            destination: {
                                latitude: number;
                                longitude: number;
                            } | null;
                            /** Format: int32 */
                            version: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no courier is registered for this user */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    pickUpShipment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orderId: string;
                        trackingNumber: string;
                        /** @description dispatched (go and pick it up), picked_up, delivered or returned */
                        status: string;
                        /** Format: int32 */
                        failedAttempts: number;
                        recipient: {
                            name: string;
                            line1: string;
                            line2: string | null;
                            city: string;
                            postalCode: string;
                            country: string;
                        };
                        destination: {
                            latitude: number;
                            longitude: number;
                        } | null;
                        /** Format: int32 */
                        version: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the shipment is not where this call needs it (e.g. delivered before it was picked up) */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deliverShipment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orderId: string;
                        trackingNumber: string;
                        /** @description dispatched (go and pick it up), picked_up, delivered or returned */
                        status: string;
                        /** Format: int32 */
                        failedAttempts: number;
                        recipient: {
                            name: string;
                            line1: string;
                            line2: string | null;
                            city: string;
                            postalCode: string;
                            country: string;
                        };
                        destination: {
                            latitude: number;
                            longitude: number;
                        } | null;
                        /** Format: int32 */
                        version: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the shipment is not where this call needs it (e.g. delivered before it was picked up) */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportFailedAttempt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: int32
                     * @description which attempt failed: 1 for the first; the same number again is a harmless repeat
                     */
                    attempt: number;
                    /** @description why, for the customer and the operators (nobody home, address not found …) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orderId: string;
                        trackingNumber: string;
                        /** @description dispatched (go and pick it up), picked_up, delivered or returned */
                        status: string;
                        /** Format: int32 */
                        failedAttempts: number;
                        recipient: {
                            name: string;
                            line1: string;
                            line2: string | null;
                            city: string;
                            postalCode: string;
                            country: string;
                        };
                        destination: {
                            latitude: number;
                            longitude: number;
                        } | null;
                        /** Format: int32 */
                        version: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the shipment is not picked up, or the attempt number skips one */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getShipmentCourier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a tracking number such as BZ7K3M9QX2PA */
                tracking: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        trackingNumber: string;
                        /**
                         * @description dispatched: the courier is on the way to pick it up; picked_up: on the way to you
                         * @enum {unknown}
                         */
                        status: "dispatched" | "picked_up";
                        courier: {
                            name: string;
                            vehicle: string;
                        };
                        /** @description the courier's last position while fresh; null when the courier's app has not sent one lately */
                        position: {
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            seenAt: string;
                        } | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query: {
                /** @description the `next` of the previous page; an id that is not in this listing is a 400 naming after */
                after?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            channel: "email" | "sms" | "push";
                            /** @description what the message is about: welcome, receipt, order_cancelled, shipment_delivered … */
                            kind: string;
                            orderId: string | null;
                            recipient: string | null;
                            subject: string | null;
                            body: string;
                            /** @enum {unknown} */
                            status: "queued" | "sending" | "delivered" | "failed" | "skipped";
                            /** Format: int32 */
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            sentAt: string | null;
                        }[];
                        /**
                         * Format: uuid
                         * @description present when there is a next page: pass it as after
                         */
                        next?: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFailedNotifications: {
        parameters: {
            query: {
                /** @description the `next` of the previous page; an id that is not in this listing is a 400 naming after */
                after?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            channel: "email" | "sms" | "push";
                            /** @description what the message is about: welcome, receipt, order_cancelled, shipment_delivered … */
                            kind: string;
                            orderId: string | null;
                            recipient: string | null;
                            subject: string | null;
                            body: string;
                            /** @enum {unknown} */
                            status: "queued" | "sending" | "delivered" | "failed" | "skipped";
                            /** Format: int32 */
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            sentAt: string | null;
                            /** Format: uuid */
                            userId: string;
                            /** Format: uuid */
                            eventId: string;
                            eventType: string;
                            jobId: string;
                            lastError: string | null;
                            providerId: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        /**
                         * Format: uuid
                         * @description present when there is a next page: pass it as after
                         */
                        next?: string;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a message id, as listed */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int32
                         * @description failed messages queued again
                         */
                        retried: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryFailedNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int32
                         * @description failed messages queued again
                         */
                        retried: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNotificationQueue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: int32 */
                        waiting: number;
                        /** Format: int32 */
                        active: number;
                        /** Format: int32 */
                        delayed: number;
                        /** Format: int32 */
                        failed: number;
                        /** @description how long the oldest waiting job has waited (0 when none waits) */
                        oldestWaitingAgeSeconds: number;
                        /**
                         * Format: int32
                         * @description messages recorded failed, which an admin may retry (BullMQ keeps only the last few failed jobs)
                         */
                        failedInHistory: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            title: string;
                            description: string;
                            columns: string[];
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReport: {
        parameters: {
            query?: {
                /** @description first UTC day (YYYY-MM-DD); default: 29 days before to */
                from?: string;
                /** @description last UTC day, inclusive; default: today */
                to?: string;
                /** @description json (default), or csv: one header line and a line per row. Accept: text/csv also asks for csv. */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                /** @description one of the reports GET /analytics/reports lists */
                name: "revenue-by-category" | "funnel" | "checkout-outcomes" | "payment-declines" | "delivery-times" | "stock-turnover" | "dead-letters";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        report: string;
                        title: string;
                        period: {
                            /** Format: date */
                            from: string;
                            /** Format: date */
                            to: string;
                        };
                        columns: string[];
                        /** @description one object per row, its keys the columns */
                        rows: {
                            [key: string]: string | number | boolean | null;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        runId: string;
                        /** Format: date-time */
                        startedAt: string;
                        /** Format: date-time */
                        finishedAt: string;
                        /** @enum {unknown} */
                        trigger: "schedule" | "request";
                        checks: {
                            check: string;
                            title: string;
                            /** @enum {unknown} */
                            status: "ok" | "findings" | "skipped";
                            /**
                             * Format: int64
                             * @description how many entities break it (all of them, though at most 1000 are listed)
                             */
                            findings: number;
                            /** @description why it was skipped */
                            note?: string;
                        }[];
                        /** @description at most 1000 per check */
                        findings: {
                            check: string;
                            /** @description the order id or SKU at fault */
                            entity: string;
                            detail: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        runId: string;
                        /** Format: date-time */
                        startedAt: string;
                        /** Format: date-time */
                        finishedAt: string;
                        /** @enum {unknown} */
                        trigger: "schedule" | "request";
                        checks: {
                            check: string;
                            title: string;
                            /** @enum {unknown} */
                            status: "ok" | "findings" | "skipped";
                            /**
                             * Format: int64
                             * @description how many entities break it (all of them, though at most 1000 are listed)
                             */
                            findings: number;
                            /** @description why it was skipped */
                            note?: string;
                        }[];
                        /** @description at most 1000 per check */
                        findings: {
                            check: string;
                            /** @description the order id or SKU at fault */
                            entity: string;
                            detail: string;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAnalyticsStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int64
                         * @description events in the warehouse
                         */
                        events: number;
                        newestEventAt: string | null;
                        lastFoldedAt: string | null;
                        facts: {
                            [key: string]: number;
                        };
                        /** @description each data product read by CDC, with its state */
                        cdc: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rebuildWarehouse: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int64
                         * @description raw events folded
                         */
                        events: number;
                        seconds: number;
                        tables: {
                            [key: string]: number;
                        };
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query: {
                limit: number;
            };
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications" | "analytics";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        queue: string;
                        /** Format: int64 */
                        depth: number;
                        messages: {
                            id: string;
                            type?: string;
                            /** Format: int32 */
                            version?: number;
                            /** @description why it was parked */
                            error: string;
                            /** Format: date-time */
                            failedAt?: string;
                            /** Format: int64 */
                            attempts?: number;
                            /** @description the work queue it is replayed to */
                            queue?: string;
                            exchange?: string;
                            routingKey?: string;
                            envelope?: unknown;
                            /** @description the body, when it is not JSON (at most RabbitMQ's default largest message) */
                            body?: string;
                        }[];
                        /** @description false when the service consumes no messages: it has no dead-letter queue, so nothing is ever parked */
                        consumes: boolean;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayDeadLetters: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications" | "analytics";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                } | {
                    /** @enum {boolean} */
                    all: true;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: int64 */
                        replayed: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no parked message has this id */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOutboxBacklog: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int64
                         * @description messages written but not yet confirmed by the broker
                         */
                        backlog: number;
                        /** @description age of the oldest of them; 0 when there is none */
                        oldestAgeSeconds: number;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSignals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications" | "analytics";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description the service's clock when the counters were read
                         */
                        at: string;
                        /** @description the process' uptime: smaller than in an earlier snapshot when it restarted, and its counters with it */
                        uptimeSeconds: number;
                        /** @description the counters of http_request_duration_seconds summed over methods and routes, health probes and this route left out */
                        requests: {
                            /** Format: int64 */
                            count: number;
                            byStatusClass: {
                                /** @description 1xx … 5xx, or other */
                                statusClass: string;
                                /** Format: int64 */
                                count: number;
                            }[];
                            latency: {
                                /** @description cumulative counts by upper bound, ascending; the +Inf bucket is `requests.count` */
                                buckets: {
                                    /** @description upper bound in seconds */
                                    le: number;
                                    /** Format: int64 */
                                    count: number;
                                }[];
                                sumSeconds: number;
                            };
                        };
                        /** @description null when the service has no database pool */
                        pool: {
                            /** Format: int64 */
                            total: number;
                            /** Format: int64 */
                            idle: number;
                            /** Format: int64 */
                            waiting: number;
                        } | null;
                        /** @description null when the service consumes no messages */
                        messages: {
                            /** @description messages_handled_total by outcome, over message types */
                            handled: {
                                outcome: string;
                                /** Format: int64 */
                                count: number;
                            }[];
                            /** @description message_queue_depth: ready messages in its own queues */
                            queues: {
                                queue: string;
                                /** Format: int64 */
                                ready: number;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications" | "analytics";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "healthy" | "degraded" | "unhealthy";
                        service: string;
                        version: string;
                        /** @description seconds since start */
                        uptime: number;
                        /** Format: date-time */
                        timestamp: string;
                        checks: {
                            [key: string]: {
                                status: "healthy" | "degraded" | "unhealthy";
                                /** @description milliseconds the probe took */
                                latency: number;
                                message?: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "healthy" | "degraded" | "unhealthy";
                        service: string;
                        version: string;
                        /** @description seconds since start */
                        uptime: number;
                        /** Format: date-time */
                        timestamp: string;
                        checks: {
                            [key: string]: {
                                status: "healthy" | "degraded" | "unhealthy";
                                /** @description milliseconds the probe took */
                                latency: number;
                                message?: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                    };
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications" | "analytics";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "alive";
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "identity" | "catalog" | "inventory" | "orders" | "payments" | "shipping" | "notifications" | "analytics";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "not-ready" | "shutting-down";
                        /** @description each failing critical check and why, e.g. a database behind the code's migrations */
                        reasons?: string[];
                    };
                };
            };
        };
    };
    getOrphans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the service */
                service: "catalog" | "inventory" | "shipping";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the last run of each check; empty before the first run */
                        checks: {
                            kind: string;
                            owner: string;
                            /** @enum {unknown} */
                            rule: "report" | "repair";
                            description: string;
                            /**
                             * @description unknown: the owner did not answer, so nothing was concluded
                             * @enum {unknown}
                             */
                            outcome: "complete" | "unknown" | "failed";
                            reason?: string;
                            /** Format: date-time */
                            checkedAt: string;
                            /** Format: int64 */
                            checked: number;
                            /** Format: int64 */
                            found: number;
                            /** @description the first 100 found */
                            orphans: {
                                key: string;
                                ref: string;
                                repaired: boolean;
                            }[];
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description something this needs (the database, another service) cannot be reached; retry later */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFlags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description the flag key, as services evaluate it */
                            key: string;
                            type: "boolean" | "string" | "number" | "object";
                            /** @description a DISABLED flag evaluates to the code's fallback */
                            state: "ENABLED" | "DISABLED";
                            description: string | null;
                            variants: {
                                /** @description a variant of the flag */
                                name: string;
                                value: string | number | boolean | {
                                    [key: string]: unknown;
                                };
                            }[];
                            /** @description a variant of the flag */
                            defaultVariant: string;
                            rollout: {
                                /** @description a variant of the flag */
                                variant: string;
                                /**
                                 * Format: int32
                                 * @description share of users (by the targeting key, their id), in percent
                                 */
                                percentage: number;
                            } | null;
                            /** @description none; a percentage rollout (shown in rollout); or rules of the file this API neither shows nor changes */
                            targeting: "none" | "rollout" | "custom";
                        }[];
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the flag file cannot be read or does not parse */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFlag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the flag key, as services evaluate it */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the flag key, as services evaluate it */
                        key: string;
                        type: "boolean" | "string" | "number" | "object";
                        /** @description a DISABLED flag evaluates to the code's fallback */
                        state: "ENABLED" | "DISABLED";
                        description: string | null;
                        variants: {
                            /** @description a variant of the flag */
                            name: string;
                            value: string | number | boolean | {
                                [key: string]: unknown;
                            };
                        }[];
                        /** @description a variant of the flag */
                        defaultVariant: string;
                        rollout: {
                            /** @description a variant of the flag */
                            variant: string;
                            /**
                             * Format: int32
                             * @description share of users (by the targeting key, their id), in percent
                             */
                            percentage: number;
                        } | null;
                        /** @description none; a percentage rollout (shown in rollout); or rules of the file this API neither shows nor changes */
                        targeting: "none" | "rollout" | "custom";
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the flag file cannot be read or does not parse */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setFlag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the flag key, as services evaluate it */
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a variant of the flag */
                    defaultVariant: string;
                    /** @description boolean flags only; absent or null for none */
                    rollout?: {
                        /** @description a variant of the flag */
                        variant: string;
                        /**
                         * Format: int32
                         * @description share of users (by the targeting key, their id), in percent
                         */
                        percentage: number;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the flag key, as services evaluate it */
                        key: string;
                        type: "boolean" | "string" | "number" | "object";
                        /** @description a DISABLED flag evaluates to the code's fallback */
                        state: "ENABLED" | "DISABLED";
                        description: string | null;
                        variants: {
                            /** @description a variant of the flag */
                            name: string;
                            value: string | number | boolean | {
                                [key: string]: unknown;
                            };
                        }[];
                        /** @description a variant of the flag */
                        defaultVariant: string;
                        rollout: {
                            /** @description a variant of the flag */
                            variant: string;
                            /**
                             * Format: int32
                             * @description share of users (by the targeting key, their id), in percent
                             */
                            percentage: number;
                        } | null;
                        /** @description none; a percentage rollout (shown in rollout); or rules of the file this API neither shows nor changes */
                        targeting: "none" | "rollout" | "custom";
                    };
                };
            };
            /** @description the request is invalid; the problem names each field and why */
            400: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no valid access token */
            401: {
                headers: {
                    /** @description `Bearer`, with `error="invalid_token"` and why when a token was refused */
                    "WWW-Authenticate"?: string;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the token lacks a role this needs */
            403: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description nothing is found at this path */
            404: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the flag has targeting rules this API does not change */
            409: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is larger than the service accepts */
            413: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the body is not JSON */
            415: {
                headers: {
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description too many requests from this client; wait as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    /** @description requests allowed in the window */
                    "X-RateLimit-Limit"?: number;
                    /** @description requests left in the window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description seconds until the window resets */
                    "X-RateLimit-Reset"?: number;
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description an unexpected error, logged under the correlation id */
            500: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description the flag file cannot be read or does not parse */
            503: {
                headers: {
                    /** @description the request's Origin, when it is one of the web app's (CORS); absent otherwise */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
